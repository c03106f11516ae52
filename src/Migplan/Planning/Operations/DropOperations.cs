using System.Collections.Immutable;
using System.Globalization;
using Migplan.Sql;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP TABLE in Cleanup: destructive, behind explicit prerequisites. Takes ACCESS EXCLUSIVE on the table
/// and on every table its foreign keys reference. Its rollback says plainly that data comes back only from
/// a backup, and the step offers a copy to keep first.
/// </summary>
public sealed class DropTableOperation(SourceLocation origin, TableFacts table, bool cascade, ImmutableArray<string> dependents) : Operation(origin)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        var locks = ImmutableArray.CreateBuilder<LockTaken>();
        locks.Add(new LockTaken(LockMode.AccessExclusive, t.Quoted, Brief: true));
        foreach (var r in table.ReferencedTables)
        {
            locks.Add(new LockTaken(LockMode.AccessExclusive, r.Quoted, Brief: true));
        }

        string others = table.ReferencedTables.Length == 0 ? string.Empty
            : $" Its foreign keys make it lock {string.Join(", ", table.ReferencedTables.Select(r => r.Quoted))} too (ACCESS EXCLUSIVE): reads and writes of those tables wait while it waits.";
        var copy = PlanSql.MakeName(t.Name.Value, null, "migplan_copy");
        var actions = ImmutableArray.CreateBuilder<string>();
        actions.Add($"Confirm the application no longer reads or writes {t.Quoted} (pg_stat_user_tables: seq_scan, idx_scan and n_tup_* stop growing).");
        actions.Add($"Optional: keep a copy first ({Planning.Estimator.Size(table.Bytes)} of disk): CREATE TABLE {new QualifiedName(t.Schema, copy).Quoted} AS TABLE {t.Quoted};");
        if (dependents.Length > 0)
        {
            actions.Add($"Also dropped{(cascade ? " (CASCADE)" : string.Empty)}: {string.Join(", ", dependents)}.");
        }

        actions.Add($"Drop {t.Quoted}.");
        yield return new StepDraft(Phase.Cleanup, $"drop_table.{t.Name.Value}", $"Drop table {t.Name.Value}",
            $"DROP TABLE IF EXISTS {t.Quoted}{(cascade ? " CASCADE" : string.Empty)};\n", true, locks.ToImmutable(),
            $"ACCESS EXCLUSIVE on {t.Quoted} for milliseconds once granted.{others}", TimeoutPolicy.Brief,
            new Rollback(
                $"-- {t.Quoted} and its {table.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows come back only from a backup, for example:\n" +
                $"--   pg_restore --dbname=... --table={t.Name.Value} --schema={t.Schema?.Value ?? "public"} backup.dump\n" +
                $"-- or, if the copy was kept: ALTER TABLE {new QualifiedName(t.Schema, copy).Quoted} RENAME TO {t.Name.Quoted};\n",
                DataLoss.RestoreFromBackup, $"Data comes back only from a backup (or from the copy {copy.Value}, if it was kept before the drop)."),
            PlanSql.RelationAbsent(t), context.Estimator.Metadata(), RiskLevel.High,
            $"Destructive: {table.Rows:N0} rows are gone for good unless restored from a backup.",
            actions.ToImmutable())
        {
            Destructive = true,
            Group = StepGroup.Destructive,
        };
    }
}

/// <summary>DROP COLUMN in Cleanup: brief ACCESS EXCLUSIVE, destructive; indexes and constraints on it go too.</summary>
public sealed class DropColumnOperation(SourceLocation origin, TableFacts table, Identifier column, string? type, bool cascade, ImmutableArray<string> dependents) : Operation(origin)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        var copy = PlanSql.MakeName(t.Name.Value, column.Value, "migplan_copy");
        var key = table.Key.Length > 0 ? string.Join(", ", table.Key.Select(k => k.Name.Quoted)) : "ctid AS old_ctid";
        var actions = ImmutableArray.CreateBuilder<string>();
        actions.Add($"Confirm the deployed application no longer reads or writes {t.Name.Value}.{column.Value} (ORMs that select * must have been redeployed).");
        actions.Add($"Optional: keep a copy first: CREATE TABLE {new QualifiedName(t.Schema, copy).Quoted} AS SELECT {key}, {column.Quoted} FROM {t.Quoted};");
        if (dependents.Length > 0)
        {
            actions.Add($"Also dropped with it: {string.Join(", ", dependents)}.");
        }

        yield return new StepDraft(Phase.Cleanup, $"drop_column.{t.Name.Value}_{column.Value}", $"Drop column {t.Name.Value}.{column.Value}",
            $"ALTER TABLE {t.Quoted} DROP COLUMN IF EXISTS {column.Quoted}{(cascade ? " CASCADE" : string.Empty)};\n", true,
            [new LockTaken(LockMode.AccessExclusive, t.Quoted, Brief: true)],
            $"ACCESS EXCLUSIVE on {t.Quoted} for milliseconds once granted (no rewrite; space is reclaimed only as rows are rewritten later).",
            TimeoutPolicy.Brief,
            new Rollback(
                $"-- The values of {t.Name.Value}.{column.Value} come back only from a backup, or from the copy if it was kept:\n" +
                $"--   ALTER TABLE {t.Quoted} ADD COLUMN {column.Quoted} {type ?? "<type>"};\n" +
                $"--   UPDATE {t.Quoted} t SET {column.Quoted} = c.{column.Quoted} FROM {new QualifiedName(t.Schema, copy).Quoted} c WHERE <key matches>; (in batches)\n",
                DataLoss.RestoreFromBackup, $"Data comes back only from a backup (or from the copy {copy.Value}, if it was kept before the drop)."),
            PlanSql.ColumnAbsent(t, column), context.Estimator.Metadata(), RiskLevel.High,
            "Destructive: the column's values are gone unless restored from a backup; an application still using it breaks.",
            actions.ToImmutable())
        {
            Destructive = true,
            Group = StepGroup.Destructive,
        };
    }
}
