using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// GRANT or REVOKE of privileges on tables, sequences, schemas, routines or types. Measured on PostgreSQL 15: no
/// relation lock at all (only the grantee role's catalog row, ACCESS SHARE), so it blocks nobody; its effect is
/// immediate: a REVOKE from the application's role makes its next query fail. Its rollback undoes only what it
/// changed, from the privileges the schema's GRANT and REVOKE lines give (<see cref="Acls"/>): a GRANT is undone by
/// revoking what was not held before, a REVOKE by granting back what was. When the schema does not say what was held,
/// restoring it is left to a person.
/// </summary>
/// <param name="undo">The rollback's statements; null when the previous privileges are not known.</param>
public sealed class PrivilegeOperation(PrivilegeStatement statement, ImmutableArray<string>? undo, ImmutableArray<(string Oid, string Grantee, string Privilege)> checks)
    : Operation(statement.Location)
{
    internal static PrivilegeOperation For(PlanningScope scope, PrivilegeStatement s)
    {
        var catalog = scope.Catalog;
        var undo = ImmutableArray.CreateBuilder<string>();
        var checks = ImmutableArray.CreateBuilder<(string, string, string)>();
        bool known = true;
        foreach (var (name, arguments) in s.Objects)
        {
            string key = Acls.Key(catalog, s.Kind, name, arguments);
            string kind = Acls.KindOf(catalog, s.Kind, name);
            bool modelled = kind switch
            {
                "TABLE" => catalog.FindTable(name) is not null || catalog.HasSequence(name),
                "SEQUENCE" => catalog.HasSequence(name),
                "TYPE" => catalog.HasType(name),
                _ => false,
            };
            string target = $"{kind} {name.Quoted}{(arguments is null ? string.Empty : "(" + arguments + ")")}";
            foreach (var grantee in s.Grantees)
            {
                if (catalog.Acls.Held(key, modelled, kind, grantee) is not { } held)
                {
                    known = false;
                    continue;
                }

                var named = Acls.Names(s, kind).ToList();
                if (s.IsGrant)
                {
                    var added = named.Where(p => !held.ContainsKey(p)).ToList();
                    var optionAdded = s.WithGrantOption ? named.Where(p => held.TryGetValue(p, out bool o) && !o).ToList() : [];
                    Add(undo, "REVOKE", added, target, "FROM", grantee, string.Empty);
                    Add(undo, "REVOKE GRANT OPTION FOR", optionAdded, target, "FROM", grantee, string.Empty);
                }
                else
                {
                    // What was held among what is revoked (a table privilege revoked takes its column privileges with it).
                    var removed = held.Where(h => named.Any(p => h.Key == p || (!p.Contains('(', StringComparison.Ordinal) && h.Key.StartsWith(p + "(", StringComparison.Ordinal)))).ToList();
                    if (!s.GrantOptionFor)
                    {
                        Add(undo, "GRANT", [.. removed.Where(h => !h.Value).Select(h => h.Key)], target, "TO", grantee, string.Empty);
                    }

                    Add(undo, "GRANT", [.. removed.Where(h => h.Value).Select(h => h.Key)], target, "TO", grantee, " WITH GRANT OPTION");
                }
            }

            if (s.Kind is "TABLE" or "SEQUENCE" && !s.GrantOptionFor && s.Privileges.All(p => p.Columns.IsEmpty))
            {
                foreach (var grantee in s.Grantees)
                {
                    string role = grantee.Role is { } r ? SqlText.Literal(r.Quoted) + "::regrole::oid" : "0::oid";
                    foreach (string p in Acls.Names(s, kind))
                    {
                        checks.Add((catalog.Resolve(name).RegClass, role, p));
                    }
                }
            }
        }

        return new PrivilegeOperation(s, known ? undo.ToImmutable() : null, checks.ToImmutable());
    }

    private static void Add(ImmutableArray<string>.Builder undo, string verb, IReadOnlyCollection<string> privileges, string target, string direction, Grantee grantee, string tail)
    {
        if (privileges.Count > 0)
        {
            undo.Add($"{verb} {string.Join(", ", privileges)} ON {target} {direction} {grantee.Sql}{tail};\n");
        }
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string objects = string.Join(", ", s.Objects.Select(o => o.Name.Quoted));
        string grantees = string.Join(", ", s.Grantees.Select(g => g.Sql));
        var rollback = undo is not { } commands
            ? new Rollback(Message.Of("by-hand.privileges-unknown", Text(grantees), Text(objects)), DataLoss.Unknown, Message.Of("rollback.privileges-unknown"))
            : new Rollback(commands.Length == 0 ? Rollback.NothingToUndo : string.Concat(commands), DataLoss.None,
                Message.Of(commands.Length == 0 ? "rollback.privileges-unchanged" : s.IsGrant ? "rollback.revoke-granted" : "rollback.grant-revoked", Text(grantees)));
        if (s.Cascade && undo is not null)
        {
            rollback = rollback with { ByHand = Message.Of("by-hand.revoke-cascade", Text(grantees)), Loss = DataLoss.Unknown };
        }

        bool publicGrant = s.IsGrant && s.Grantees.Any(g => g.IsPublic);
        yield return new AsIs(Phase.SchemaChanges, (s.IsGrant ? "grant." : "revoke.") + s.Objects[0].Name.Name.Value,
            Message.Of(s.IsGrant ? "title.grant" : "title.revoke", Text(objects), Text(grantees)), s.Text + ";\n")
        {
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of(s.IsGrant ? "impact.grant" : "impact.revoke", Text(grantees)),
            Rollback = rollback,
            Verification = Verify(s.IsGrant),
            Risk = !s.IsGrant ? RiskLevel.High : publicGrant ? RiskLevel.Medium : RiskLevel.Low,
            RiskReason = Message.Of(!s.IsGrant ? "risk.revoke" : publicGrant ? "risk.grant-public" : "risk.grant", Text(grantees)),
            Actions = [Message.Of(s.IsGrant ? "action.grant" : "action.revoke", Text(grantees))],
        }.Step(context);
    }

    /// <summary>How many of the named table privileges the grantees hold after the step: all of them after a GRANT, none after a REVOKE.</summary>
    private Verification Verify(bool grant)
    {
        if (checks.IsEmpty)
        {
            return Verification.ByHand(Message.Of("judge.privileges"));
        }

        var sb = new StringBuilder("SELECT pg_catalog.count(DISTINCT (c.oid, a.grantee, a.privilege_type)) FROM pg_catalog.pg_class c CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a WHERE (c.oid, a.grantee, a.privilege_type) IN (");
        sb.AppendJoin(", ", checks.Select(c => $"({c.Oid}, {c.Grantee}, {SqlText.Literal(c.Privilege)})"));
        sb.Append(");");
        return new Verification(sb.ToString(), grant ? checks.Length.ToString(CultureInfo.InvariantCulture) : "0");
    }
}
