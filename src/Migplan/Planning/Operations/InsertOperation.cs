using System.Globalization;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// INSERT in Data Migration. <c>INSERT ... SELECT list FROM source [WHERE ...]</c> from an existing table larger than one
/// batch is copied in batches of the source's key (keyset, as backfills are), each committed on its own, so a copy of
/// millions of rows is not one transaction (its WAL burst, replica lag, and a rollback of everything on any error);
/// any other INSERT runs as written, in one transaction.
/// </summary>
public sealed class InsertOperation(InsertStatement statement, QualifiedName name, TableFacts? source = null) : Operation(statement.Location)
{
    internal static InsertOperation For(PlanningScope scope, InsertStatement s)
    {
        var target = scope.Catalog.FindTable(s.Table);
        var name = target?.Name ?? scope.Catalog.Resolve(s.Table);
        TableFacts? source = null;
        if (s is { Select: { } select, OnConflict: null, Returning: null } && scope.Catalog.FindTable(select.From) is { } from
            && from.Id != target?.Id && !from.IsPartitioned)
        {
            var facts = scope.Facts(from);
            if (!facts.Key.IsEmpty && !facts.IsEmpty)
            {
                source = facts;
            }
        }

        return new InsertOperation(s, name, source);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        if (source is { } from && s.Select is { } select && from.Rows > context.BatchSize)
        {
            yield return Batched(context, from, select);
            yield break;
        }

        yield return new AsIs(Phase.DataMigration, $"insert.{name.Name.Value}", Message.Of("title.insert", Name(name.Name.Value)), s.Text + ";\n")
        {
            Locks = [new LockTaken(LockMode.RowExclusive, name, Brief: false)],
            Rerunnable = false, // the rows would be inserted twice
            Impact = Message.Of("impact.insert", Name(name)),
            Rollback = InsertedRows,
            Verification = Verification,
            Risk = s.IsSelect ? RiskLevel.Medium : RiskLevel.Low,
            RiskReason = Message.Of(s.IsSelect ? "risk.insert-select" : "risk.insert-values"),
            Actions = [Message.Of(s.IsSelect ? "action.insert-select" : "action.insert-values")],
        }.Step(context);
    }

    private Rollback InsertedRows => new(Message.Of("by-hand.delete-inserted-rows"), DataLoss.ExistingData, Message.Of("rollback.delete-inserted-rows"));

    private Verification Verification => statement.OnConflict is null
        ? new Verification($"SELECT pg_catalog.count(*) FROM {name.Quoted};", new Expectation(ExpectationKind.Increase))
        : Verification.ByHand(Message.Of("judge.insert-on-conflict"));

    private StepDraft Batched(PlanContext context, TableFacts from, SimpleSelect select)
    {
        string qualifier = select.Alias?.Quoted ?? from.Name.Quoted;
        string columns = statement.Columns.IsEmpty ? string.Empty : " (" + string.Join(", ", statement.Columns.Select(c => c.Quoted)) + ")";
        string range = BatchLoops.KeyRange(from.Key, from.Key.Select(k => qualifier + "." + k.Name.Quoted));
        string where = select.Where is null ? range : $"({select.Where.Trim()}) AND {range}";
        string alias = select.Alias is null ? string.Empty : " AS " + select.Alias.Quoted;
        string dml = $"INSERT INTO {name.Quoted}{columns}\nSELECT {select.List.Trim()}\nFROM {from.Name.Quoted}{alias}\nWHERE {where};";
        string sql = BatchLoops.Keyset(from, context.BatchSize, dml, frozenTime: false) + "\n";
        var batch = context.BatchSize.ToString(CultureInfo.InvariantCulture);
        return new StepDraft(Phase.DataMigration, $"insert.{name.Name.Value}", Message.Of("title.insert", Name(name.Name.Value)),
            [new Command(sql) { OutsideTransaction = true, Rerunnable = false }],
            [new LockTaken(LockMode.RowExclusive, name, Brief: false), new LockTaken(LockMode.AccessShare, from.Name, Brief: false)],
            Message.Of("impact.insert-batched", Name(name), Name(from.Name)),
            TimeoutPolicy.CopyOnce, InsertedRows, Verification, context.Estimator.Copy(from, from.Rows, context.BatchSize),
            RiskLevel.Medium, Message.Of("risk.insert-select-batched", Count(from.Rows)),
            [Message.Of("action.insert-select-batched", Text(batch), Name(from.Name), Name(name))]);
    }
}
