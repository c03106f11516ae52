namespace Migplan.Rendering.Messages;

/// <summary>Messages of steps creating, replacing or dropping functions, procedures, views and triggers.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Definitions() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title.create-defined"] = "Create {0} {1}",
        ["title.replace-defined"] = "Replace {0} {1}",
        ["title.drop-defined"] = "Drop {0} {1}",
        ["title.replacement"] = "Replace {0} in one transaction",
        ["action.create-routine"] = "Create the {0}: catalog rows only, no lock on any table.",
        ["action.replace-routine"] = "Replace the {0}: catalog rows only, no lock on any table; sessions use the new body from their next call after the commit.",
        ["action.sql-body-checked"] = "A LANGUAGE sql body is checked when it is created: it takes ACCESS SHARE on the tables it reads (ROW EXCLUSIVE on those it writes), so it waits only behind a session holding ACCESS EXCLUSIVE on one of them; lock_timeout bounds that wait.",
        ["action.drop-routine"] = "Drop the {0}: catalog rows only; callers (the application, other functions' bodies) fail from the commit.",
        ["action.create-trigger"] = "Create the trigger: a brief SHARE ROW EXCLUSIVE lock on its table (writes wait, reads go on); from the commit, the writes it fires on run {0}.",
        ["action.drop-trigger"] = "Drop the trigger: a brief ACCESS EXCLUSIVE lock on its table (reads and writes wait).",
        ["action.create-view"] = "Create the view: ACCESS SHARE on the relations it reads, which waits only behind an ACCESS EXCLUSIVE holder.",
        ["action.replace-view"] = "Replace the view: a brief ACCESS EXCLUSIVE lock on the view (its readers wait); CREATE OR REPLACE VIEW can only add columns at the end, never drop or rename one.",
        ["action.drop-view"] = "Drop the view: a brief ACCESS EXCLUSIVE lock on it (its readers wait).",
        ["risk.create-routine"] = "A new {0}: nothing runs it until something calls it.",
        ["risk.replace-routine"] = "Every caller of the {0} runs the new body from the commit on: an error in it fails them.",
        ["risk.replace-routine-unknown"] = "The schema does not have this {0}: if it exists, every caller runs the new body from the commit on, and its previous definition is not known to migplan.",
        ["risk.replace-trigger-function"] = "Run by {0}: from the commit, every write those triggers fire on runs the new body, and an error in it fails those writes.",
        ["risk.drop-routine"] = "Whatever calls it (the application, other functions) fails from the commit.",
        ["risk.drop-with-users"] = "Written in the definitions of {1} (a textual match): if they depend on the {0}, the DROP fails; if they call it at run time, they fail from the commit.",
        ["risk.drop-cascade-users"] = "CASCADE also drops what depends on the {0}; by a textual match of their definitions: {1}.",
        ["risk.create-trigger"] = "From the commit every write of {0} the trigger fires on runs {1}: an error in it fails those writes, and its cost is added to each.",
        ["risk.replace-trigger"] = "From the commit the trigger on {0} fires as now written, running {1}, on every write it fires on.",
        ["risk.drop-trigger"] = "From the commit, whatever the trigger did on each write of {0} is no longer done.",
        ["risk.create-view"] = "A new view: nothing reads it until something queries it.",
        ["risk.replace-view"] = "Queries of the view get the new definition from the commit.",
        ["risk.replace-view-used"] = "Queries of the view get the new definition from the commit, and so do {0}, which mention it (a textual match).",
        ["risk.drop-view"] = "Queries of the view fail from the commit.",
        ["rollback.drop-new-definition"] = "Drops the {0} the step created.",
        ["rollback.drop-new-routine"] = "Drops the {0} the step created: exactly it, by its argument types (other overloads stay).",
        ["rollback.restore-definition"] = "Restores the {0}'s definition from the schema.",
        ["rollback.recreate-definition"] = "Creates the {0} again from the schema's definition. It is then owned by the role running the rollback, and the grants and comment it had are not restored (migplan does not keep them).",
        ["rollback.replacement"] = "Drops what the step created and creates again what it dropped, as the schema defines it, in one transaction.",
        ["rollback.definition-unknown"] = "The schema does not define it, so its definition is not known: restore it by hand.",
        ["by-hand.recreate-unknown-definition"] = "The schema does not have the {0} {1}, so its definition is not known: create it again from a copy of its definition taken before the plan (pg_dump --schema-only, or pg_get_functiondef / pg_get_viewdef / pg_get_triggerdef).",
        ["by-hand.restore-unknown-definition"] = "The schema does not have the {0} {1}: if it existed before the plan, restore its previous definition from a copy taken before the plan (pg_dump --schema-only, or pg_get_functiondef / pg_get_viewdef / pg_get_triggerdef); if it did not, run: {2}",
        ["by-hand.restore-cascade-dependents"] = "CASCADE also dropped what depended on it; create those again from their definitions in the schema (found by a textual match, check the list): {0}.",
        ["by-hand.restore-cascade-unknown"] = "CASCADE also dropped whatever depended on it, which the schema does not show: restore it from a copy of the schema taken before the plan.",
        ["by-hand.each"] = "{0}",
    };
}
