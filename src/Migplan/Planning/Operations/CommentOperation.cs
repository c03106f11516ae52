using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// COMMENT ON an object: a catalog row only. Measured on PostgreSQL 15 (pg_locks in an open transaction): on a table,
/// view, sequence or column it takes SHARE UPDATE EXCLUSIVE on the relation, on an index on the index, on a table's
/// constraint ACCESS SHARE on the table, on anything else no relation lock (a lock on the object only). Reads and
/// writes go on; DDL and VACUUM on the relation wait for it, so its wait is bounded. Its rollback writes the comment the
/// schema says the object had (IS NULL for none); when the schema cannot say, restoring it is left to a person.
/// The comment is written as a literal the same under either standard_conforming_strings (<see cref="SqlText.Literal"/>).
/// </summary>
public sealed class CommentOperation(CommentStatement statement, QualifiedName? relation, LockMode mode, bool known, string? previous) : Operation(statement.Location)
{
    internal static CommentOperation For(PlanningScope scope, CommentStatement s)
    {
        var catalog = scope.Catalog;
        var slot = CommentSlot.For(catalog, s);
        (QualifiedName? relation, LockMode mode) = s.Kind switch
        {
            "TABLE" or "VIEW" or "MATERIALIZED VIEW" or "FOREIGN TABLE" or "SEQUENCE" or "INDEX" => (catalog.Resolve(s.Name), LockMode.ShareUpdateExclusive),
            "COLUMN" => (catalog.Resolve(s.Name), LockMode.ShareUpdateExclusive),
            "CONSTRAINT" when !s.OnDomain => (catalog.Resolve(s.On!), LockMode.AccessShare),
            _ => ((QualifiedName?)null, LockMode.None),
        };
        return new CommentOperation(s, relation, mode, slot.Known, slot.Current);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string what = s.Kind + " " + s.Target;
        var rollback = known
            ? new Rollback(Sql(previous), DataLoss.None, Message.Of(previous is null ? "rollback.comment-none" : "rollback.comment-previous", Text(what)))
            : new Rollback(Message.Of("by-hand.comment-unknown", Text(what)), DataLoss.Unknown, Message.Of("rollback.comment-unknown", Text(what)));
        ImmutableArray<LockTaken> locks = relation is null ? [] : [new LockTaken(mode, relation, Brief: true)];
        yield return new AsIs(Phase.SchemaChanges, "comment." + Slug(s), Message.Of("title.comment", Text(s.Kind), Text(s.Target)), Sql(s.Comment))
        {
            Locks = locks,
            Timeouts = TimeoutPolicy.Brief,
            Impact = relation is null ? Message.Of("impact.no-relation-lock")
                : Message.Of(mode == LockMode.AccessShare ? "impact.comment-access-share" : "impact.comment-share-update-exclusive", Name(relation)),
            Rollback = rollback,
            Verification = Verify(s),
            RiskReason = Message.Of("risk.comment"),
            Actions = [Message.Of("action.comment")],
        }.Step(context);
    }

    private string Sql(string? comment) =>
        $"COMMENT ON {statement.Kind} {statement.Target} IS {(comment is null ? "NULL" : SqlText.Literal(comment))};\n";

    private static string Slug(CommentStatement s) => (s.Column ?? s.Name.Name).Value;

    /// <summary>A query whose one value is true when the object's comment is the new one; by hand for kinds without an oid to name.</summary>
    private Verification Verify(CommentStatement s)
    {
        string expected = s.Comment is null ? "NULL" : SqlText.Literal(s.Comment);
        string? description = s.Kind switch
        {
            "TABLE" or "VIEW" or "MATERIALIZED VIEW" or "FOREIGN TABLE" or "SEQUENCE" or "INDEX" =>
                $"pg_catalog.obj_description({relation!.RegClass}, 'pg_class')",
            "COLUMN" => $"(SELECT pg_catalog.col_description(a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = {relation!.RegClass} AND a.attname = {SqlText.Literal(s.Column!.Value)})",
            "CONSTRAINT" when relation is not null => $"(SELECT pg_catalog.obj_description(c.oid, 'pg_constraint') FROM pg_catalog.pg_constraint c WHERE c.conrelid = {relation.RegClass} AND c.conname = {SqlText.Literal(s.Name.Name.Value)})",
            "FUNCTION" or "PROCEDURE" or "ROUTINE" or "AGGREGATE" when s.Arguments is not null =>
                $"pg_catalog.obj_description({SqlText.Literal(s.Name.Quoted + "(" + s.Arguments + ")")}::regprocedure::oid, 'pg_proc')",
            "TYPE" or "DOMAIN" => $"pg_catalog.obj_description({SqlText.Literal(s.Name.Quoted)}::regtype::oid, 'pg_type')",
            "SCHEMA" => $"pg_catalog.obj_description({SqlText.Literal(s.Name.Quoted)}::regnamespace::oid, 'pg_namespace')",
            _ => null,
        };
        return description is null
            ? Verification.ByHand(Message.Of("judge.comment", Text(s.Kind + " " + s.Target)))
            : new Verification($"SELECT {description} IS NOT DISTINCT FROM {expected}::text;", "t");
    }
}
