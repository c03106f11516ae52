using System.Collections.Immutable;
using System.Globalization;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ALTER SEQUENCE with options. Measured on PostgreSQL 15: SHARE ROW EXCLUSIVE (and ROW EXCLUSIVE) on the sequence
/// until commit, which conflicts with the ROW EXCLUSIVE every nextval() takes: it waits for each open transaction that
/// has drawn a value, and inserts drawing one wait behind it, so its wait is bounded. OWNED BY t.c also takes ACCESS
/// SHARE on t. Its rollback sets back the options it changed, from the sequence's CREATE SEQUENCE and ALTER SEQUENCE
/// statements in the schema; RESTART moves the position, which is data, not schema: the rollback cannot know it, and the
/// pre-migration step reads it (and, for a sequence owned by a column, checks that no existing key is at or past the
/// restart value, since the next inserts would collide with it).
/// </summary>
/// <param name="undo">The ALTER SEQUENCE setting back the options changed (from the state before the statement), with whether every one is known; null when the sequence's options are not known.</param>
/// <param name="ascending">True when the sequence counts up after the statement.</param>
/// <param name="start">Its START after the statement, when known.</param>
public sealed class AlterSequenceOperation(AlterSequenceStatement statement, QualifiedName name, (string Sql, bool AllKnown)? undo, bool ascending, string? start,
    QualifiedName? ownedByTable, TableFacts? owner, Identifier? ownerColumn)
    : Operation(statement.Location)
{
    internal static AlterSequenceOperation For(PlanningScope scope, AlterSequenceStatement s)
    {
        var catalog = scope.Catalog;
        var state = catalog.FindSequenceState(s.Name);
        QualifiedName? ownedByTable = s.Options.FirstOrDefault(o => o.Kind == "OWNED BY") is { Value: { } v } && !v.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? TableOf(v) : null;

        // The column the sequence feeds, after this statement: what a RESTART may collide with.
        string? owned = s.Options.LastOrDefault(o => o.Kind == "OWNED BY")?.Value ?? state?.Value("OWNED BY", out _);
        TableFacts? owner = null;
        Identifier? column = null;
        if (owned is not null && !owned.Equals("none", StringComparison.OrdinalIgnoreCase) && TableOf(owned) is { } t && catalog.FindTable(t) is { } table)
        {
            owner = scope.Facts(table);
            column = new Identifier(Identifier.Fold(owned[(owned.LastIndexOf('.') + 1)..].Trim('"')));
        }

        string? increment = s.Options.LastOrDefault(o => o.Kind == "INCREMENT")?.Value ?? state?.Value("INCREMENT", out _);
        bool ascending = long.TryParse(increment, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long inc) && inc > 0;
        string? start = s.Options.LastOrDefault(o => o.Kind == "START")?.Value ?? state?.Value("START", out _);
        var name = catalog.Resolve(s.Name);
        return new AlterSequenceOperation(s, name, state is null ? null : Undo(s, name, state), ascending, start,
            ownedByTable is null ? null : catalog.Resolve(ownedByTable), owner, column);
    }

    /// <summary>The ALTER SEQUENCE that sets the options <paramref name="s"/> changes back to their values in <paramref name="state"/> (read now, before the statement is applied).</summary>
    private static (string Sql, bool AllKnown) Undo(AlterSequenceStatement s, QualifiedName name, SequenceState state)
    {
        var changed = s.Options.Select(o => o.Kind.StartsWith("NO ", StringComparison.Ordinal) ? o.Kind[3..] : o.Kind).ToHashSet(StringComparer.Ordinal);
        if (changed.Contains("AS"))
        {
            // A new type moves bounds that were its defaults: set both back as they were.
            changed.Add("MINVALUE");
            changed.Add("MAXVALUE");
        }

        var clauses = new List<string>();
        bool allKnown = true;
        foreach (string kind in SequenceState.Restorable.Where(changed.Contains))
        {
            string? value = state.Value(kind, out bool known);
            allKnown &= known;
            if (known)
            {
                clauses.Add(SequenceState.Clause(kind, value));
            }
        }

        return (clauses.Count == 0 ? Plans.Rollback.NothingToUndo : $"ALTER SEQUENCE {name.Quoted} {string.Join(' ', clauses)};\n", allKnown);
    }

    /// <summary>The table of an OWNED BY value written as [schema.]table.column (plain or quoted names).</summary>
    private static QualifiedName? TableOf(string value)
    {
        var parts = value.Split('.').Select(p => p.Trim()).Select(p => p.StartsWith('"') ? p.Trim('"') : Identifier.Fold(p)).ToArray();
        return parts.Length switch
        {
            2 => new QualifiedName(null, new Identifier(parts[0])),
            3 => new QualifiedName(new Identifier(parts[0]), new Identifier(parts[1])),
            _ => null,
        };
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        bool restart = s.Options.Any(o => o.Kind == "RESTART");
        ImmutableArray<LockTaken> locks = ownedByTable is null
            ? [new LockTaken(LockMode.ShareRowExclusive, name, Brief: true)]
            : [new LockTaken(LockMode.ShareRowExclusive, name, Brief: true), new LockTaken(LockMode.AccessShare, ownedByTable, Brief: true)];
        yield return new AsIs(Phase.SchemaChanges, "alter_sequence." + name.Name.Value, Message.Of("title.alter-sequence", Name(name)), s.Text + ";\n")
        {
            Locks = locks,
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.alter-sequence", Name(name)),
            Rollback = Rollback(restart),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_catalog.pg_sequence WHERE seqrelid = {name.RegClass};", "1"),
            Risk = restart ? RiskLevel.High : RiskLevel.Medium,
            RiskReason = Message.Of(restart ? "risk.sequence-restart" : "risk.alter-sequence", Name(name)),
            Actions = [Message.Of("action.alter-sequence")],
            Rerunnable = !restart, // run again after inserts drew values, RESTART would hand them out again
        }.Step(context) with
        {
            PreChecks = restart ? PreChecks(context) : [],
        };
    }

    private Rollback Rollback(bool restart)
    {
        if (undo is not { } u)
        {
            return new Rollback(Message.Of("by-hand.sequence-options-unknown", Name(name)), DataLoss.Unknown, Message.Of("rollback.sequence-options-unknown"));
        }

        if (restart || !u.AllKnown)
        {
            return new Rollback(u.Sql, restart ? DataLoss.ExistingData : DataLoss.Unknown, Message.Of("rollback.sequence-options", Name(name)))
            {
                ByHand = Message.Of(restart ? "by-hand.sequence-position" : "by-hand.sequence-options-unknown", Name(name)),
            };
        }

        return new Rollback(u.Sql, DataLoss.None, Message.Of("rollback.sequence-options", Name(name)));
    }

    /// <summary>The position before the restart (read, never expected), and no existing key at or past the restart value.</summary>
    private ImmutableArray<GoNoGoCheck> PreChecks(PlanContext context)
    {
        string? restart = statement.Options.Last(o => o.Kind == "RESTART").Value ?? start;
        if (!long.TryParse(restart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long restartAt))
        {
            restart = null;
        }

        // Informative: the position the sequence had, which the rollback cannot know (a setval puts it back).
        var position = new Verification($"SELECT last_value FROM {name.Quoted};", restart ?? string.Empty)
        {
            Label = Message.Of("check.sequence-position", Name(name)),
        };
        var checks = ImmutableArray.CreateBuilder<GoNoGoCheck>();
        checks.Add(GoNoGoCheck.Of(position, context.Estimator.Metadata(), blocking: false));
        if (owner is not null && ownerColumn is not null && restart is not null && ascending)
        {
            string sql = $"SELECT pg_catalog.count(*) FROM {owner.Name.Quoted} WHERE {ownerColumn.Quoted} >= {restartAt.ToString(CultureInfo.InvariantCulture)};";
            var label = Message.Of("check.sequence-restart-collides", Name(owner.Name.Quoted + "." + ownerColumn.Quoted), Text(restart));
            checks.Add(GoNoGoCheck.Of(new Verification(sql, "0") { Label = label }, GoNoGoChecks.FullScan(context.Estimator, owner)));
        }

        return checks.ToImmutable();
    }
}
