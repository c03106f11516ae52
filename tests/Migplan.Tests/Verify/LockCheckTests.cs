using System.Collections.Immutable;
using Migplan.Sql;
using Migplan.Verify;

namespace Migplan.Tests.Verify;

/// <summary>The rules comparing the locks a step took with those it declares (docs/verify.md, "Locks").</summary>
public sealed class LockCheckTests
{
    private static readonly RelationInfo Users = new(100, "public", "users", 'r', 1000, null);
    private static readonly RelationInfo UsersPkey = new(101, "public", "users_pkey", 'i', 1001, 100);
    private static readonly RelationInfo Orders = new(200, "public", "orders", 'r', 2000, null);

    private static readonly RelationSnapshot Before = new(ImmutableDictionary.CreateRange(
        new[] { Users, UsersPkey, Orders }.Select(r => KeyValuePair.Create(r.Oid, r))));

    private static Step StepLocking(params (LockMode Mode, string Table)[] locks) => new(
        "02_test", 2, Phase.SchemaChanges, Message.Of("title.test"), [],
        [.. locks.Select(l => new LockTaken(l.Mode, new QualifiedName(new Identifier("public"), new Identifier(l.Table)), true))],
        Message.Of("impact.test"), null, new Rollback(ImmutableArray<Command>.Empty, DataLoss.None, Message.Of("rollback.test")),
        new Verification("SELECT 1;", "1"), Estimate.NotEstimated, false, RiskLevel.Low, Message.Of("risk.test"), []);

    private static SeenLock Seen(RelationInfo r, string mode) => new(new RelationLock(r.Oid, r.Schema, r.Name, r.Kind, mode, true), TimeSpan.FromMilliseconds(3));

    [Fact]
    public void DeclaredModeOrWeaker_IsDeclared()
    {
        var observed = LockCheck.Compare(StepLocking((LockMode.AccessExclusive, "users")), Before, [Seen(Users, "AccessShareLock"), Seen(Users, "AccessExclusiveLock")]);
        Assert.All(observed, o => Assert.Equal(LockVerdict.Declared, o.Verdict));
        Assert.Equal(2, observed.Length);
    }

    [Fact]
    public void StrongerThanDeclared_Fails()
    {
        var o = Assert.Single(LockCheck.Compare(StepLocking((LockMode.ShareUpdateExclusive, "users")), Before, [Seen(Users, "AccessExclusiveLock")]));
        Assert.Equal(LockVerdict.Stronger, o.Verdict);
        Assert.Equal(LockMode.ShareUpdateExclusive, o.Declared);
        Assert.True(o.Failed);
    }

    [Fact]
    public void UndeclaredRelation_Fails()
    {
        var o = Assert.Single(LockCheck.Compare(StepLocking((LockMode.AccessExclusive, "users")), Before, [Seen(Orders, "AccessShareLock")]));
        Assert.Equal(LockVerdict.Undeclared, o.Verdict);
        Assert.Equal("public.orders", o.Relation);
    }

    [Fact]
    public void IndexLock_CountsAgainstItsTable()
    {
        var o = Assert.Single(LockCheck.Compare(StepLocking((LockMode.AccessExclusive, "users")), Before, [Seen(UsersPkey, "AccessExclusiveLock")]));
        Assert.Equal(LockVerdict.Declared, o.Verdict);
        Assert.Equal("public.users", o.CountedAs);

        var weaker = Assert.Single(LockCheck.Compare(StepLocking((LockMode.Share, "users")), Before, [Seen(UsersPkey, "AccessExclusiveLock")]));
        Assert.Equal(LockVerdict.Stronger, weaker.Verdict);
    }

    [Fact]
    public void NewRelation_IsReportedNeverAFailure_CatalogAndInvisibleAreLeftOut()
    {
        var created = new RelationLock(300, "public", "users_email_idx", 'i', "AccessExclusiveLock", true);
        var catalog = new RelationLock(1259, "pg_catalog", "pg_class", 'r', "RowExclusiveLock", true);
        var dropped = new RelationLock(301, null, null, '?', "AccessExclusiveLock", true);
        var observed = LockCheck.Compare(StepLocking(), Before, [new SeenLock(created, TimeSpan.Zero), new SeenLock(catalog, TimeSpan.Zero), new SeenLock(dropped, TimeSpan.Zero)]);
        var o = Assert.Single(observed);
        Assert.Equal(LockVerdict.NewObject, o.Verdict);
        Assert.False(o.Failed);
    }

    [Fact]
    public void UnanalysedStep_IsNotCompared()
    {
        var step = StepLocking() with { Analysed = false };
        var o = Assert.Single(LockCheck.Compare(step, Before, [Seen(Orders, "AccessExclusiveLock")]));
        Assert.Equal(LockVerdict.NotCompared, o.Verdict);
        Assert.False(o.Failed);
    }
}
