using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>INSERT as written, in Data Migration: one transaction for all its rows.</summary>
public sealed class InsertOperation(InsertStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.DataMigration, $"insert.{name.Name.Value}", $"Insert into {name.Name.Value}", s.Text + ";\n")
        {
            Locks = [new LockTaken(LockMode.RowExclusive, name, Brief: false)],
            Impact = $"ROW EXCLUSIVE on {name.Quoted}: reads and writes continue; one transaction for all inserted rows.",
            Rollback = new Rollback("-- Delete the inserted rows by hand (identify them by the INSERT's source query).\n", DataLoss.DataLoss, "Delete the inserted rows by hand."),
            Verification = s.OnConflict is null
                ? new Verification($"SELECT pg_catalog.count(*) FROM {name.Quoted};", new Expectation(ExpectationKind.Increase))
                : Verification.ByHand("ON CONFLICT: check by hand that the rows it was written for are there (conflicting rows are skipped or updated, so the row count says little)."),
            Risk = s.IsSelect ? RiskLevel.Medium : RiskLevel.Low,
            RiskReason = s.IsSelect ? "INSERT ... SELECT runs as one transaction: WAL burst and replica lag grow with the rows copied." : "A few literal rows.",
            Actions = [s.IsSelect ? "Run as one statement; if the source is large, split it by key ranges of the source." : "Insert the rows."],
        }.Step(context);
    }
}
