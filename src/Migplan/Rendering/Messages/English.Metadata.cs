namespace Migplan.Rendering.Messages;

/// <summary>Messages of COMMENT ON, GRANT / REVOKE and ALTER SEQUENCE.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Metadata() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title.comment"] = "Comment on {0} {1}",
        ["action.comment"] = "Set the comment: one catalog row, no scan, no rewrite.",
        ["impact.comment-share-update-exclusive"] = "SHARE UPDATE EXCLUSIVE on {0} for milliseconds (measured): reads and writes go on; other DDL and VACUUM on it wait while it waits (at most lock_timeout) and runs.",
        ["impact.comment-access-share"] = "ACCESS SHARE on {0} for milliseconds (measured): only an ACCESS EXCLUSIVE lock (DDL) conflicts with it.",
        ["impact.no-relation-lock"] = "No lock on any table: only the commented object's catalog row.",
        ["risk.comment"] = "A comment only: no effect on queries.",
        ["rollback.comment-previous"] = "Sets the comment on {0} back to the one the schema gives it.",
        ["rollback.comment-none"] = "Removes the comment on {0}: the schema gives it none.",
        ["rollback.comment-unknown"] = "The comment {0} had before is not known: the schema does not say (migplan does not model that object and no comment of it was read, or the schema is a live reading, which carries no comments).",
        ["by-hand.comment-unknown"] = "Set the comment on {0} back to what it was (read it before the migration: \\dd or obj_description), or to NULL if it had none.",
        ["judge.comment"] = "Check that {0} has the new comment (\\dd).",

        ["title.grant"] = "Grant privileges on {0} to {1}",
        ["title.revoke"] = "Revoke privileges on {0} from {1}",
        ["action.grant"] = "Grant the privileges to {0}: catalog only, no lock on any table; effective for their next statement.",
        ["action.revoke"] = "Revoke the privileges from {0}: catalog only, no lock on any table; effective for their next statement.",
        ["impact.grant"] = "No lock that blocks application reads or writes; {0} can use the privileges at once.",
        ["impact.revoke"] = "No lock that blocks application reads or writes; from this step {0} cannot use the revoked privileges: their next statement that needs one fails with \"permission denied\".",
        ["risk.grant"] = "Widens access for {0}: check that the grant is intended.",
        ["risk.grant-public"] = "Grants to PUBLIC: every role, present and future, gets the privileges.",
        ["risk.revoke"] = "A REVOKE takes effect at once: if {0} is (or includes) the role the application connects as, its queries fail immediately. Deploy code that no longer needs the privileges first.",
        ["rollback.revoke-granted"] = "Revokes from {0} only the privileges the step gave: those the schema's grants show held before are kept (privileges held as the object's owner are not in the schema).",
        ["rollback.grant-revoked"] = "Grants back to {0} the privileges the schema's grants show held before the step, with the grant option where it was held.",
        ["rollback.privileges-unchanged"] = "Nothing to undo for {0}: the schema's grants show the step changes no privilege.",
        ["rollback.privileges-unknown"] = "The privileges held before are not known: the schema carries no GRANT or REVOKE (a dump without privileges, a live reading, a hand-written schema), or the object is not in it.",
        ["by-hand.privileges-unknown"] = "Restore the privileges {0} held on {1} before the step (read them before the migration: \\dp), granting back what it revoked or revoking only what it added.",
        ["by-hand.revoke-cascade"] = "CASCADE also revoked the privileges {0} had granted on to other roles: grant those back by hand (read them before the migration: \\dp).",
        ["judge.privileges"] = "Check the privileges with \\dp (column privileges and routine, schema and type privileges are not checked by a query here).",

        ["title.alter-sequence"] = "Alter sequence {0}",
        ["action.alter-sequence"] = "Change the sequence's options: catalog only, under a brief SHARE ROW EXCLUSIVE lock on the sequence.",
        ["impact.alter-sequence"] = "SHARE ROW EXCLUSIVE on {0} until the step commits (measured): it waits for every open transaction that has drawn a value from it, and every nextval() (an INSERT using its default) waits behind it.",
        ["risk.alter-sequence"] = "Inserts that draw from {0} wait while the step waits for its lock (bounded by lock_timeout).",
        ["risk.sequence-restart"] = "RESTART moves {0}: the next values drawn may equal keys already in the table, and inserts then fail with a unique violation. The pre-migration step checks the column it feeds when the schema says which.",
        ["rollback.sequence-options"] = "Sets the options the step changed on {0} back to the ones the schema gives it.",
        ["rollback.sequence-options-unknown"] = "The sequence's options before the step are not known: the schema has no CREATE SEQUENCE for it (a serial column's, or not in the schema).",
        ["by-hand.sequence-options-unknown"] = "Set the options of {0} back by hand (read them before the migration: SELECT * FROM pg_sequences).",
        ["by-hand.sequence-position"] = "The position of {0} (last_value) is data, not schema: the pre-migration step shows the value before the restart. Set it back with SELECT pg_catalog.setval(...) to that value, or past the largest key the sequence feeds.",
        ["check.sequence-position"] = "Position of {0} before the restart (informative: write it down, the rollback needs it).",
        ["check.sequence-restart-collides"] = "No value of {0} at or past {1} (the sequence restarts there: the next inserts would collide).",
    };
}
