using System.Collections.Immutable;

namespace Migplan.Plans;

/// <summary>The settings every step's session runs with, and those of one step.</summary>
public static class SessionSettings
{
    /// <summary>
    /// The search path every step runs with, whatever the role's or database's setting: the schema the plan
    /// resolved unqualified names in (objects the change creates unqualified land there), and the session's
    /// temporary schema last instead of first. pg_catalog is not listed, so PostgreSQL searches it before both:
    /// an object someone created in public with a built-in's name and argument types cannot stand in for it.
    /// Built-in functions are also called qualified (pg_catalog.pg_sleep), because a function in public whose
    /// argument types match a call exactly wins over a built-in that needs a cast.
    /// </summary>
    public const string SearchPath = "public, pg_temp";

    /// <summary>
    /// Set first in every session: the client encoding (so psql reads the rest of a script as UTF-8 even where
    /// PGCLIENTENCODING names an encoding whose multibyte characters can hold a backslash byte, SJIS or GBK);
    /// string literals meaning what the plan shows whatever the database's or role's standard_conforming_strings
    /// says; and the pinned search path.
    /// </summary>
    public static ImmutableArray<Setting> Pinned { get; } =
    [
        new("client_encoding", "UTF8"),
        new("standard_conforming_strings", "on"),
        new("search_path", SearchPath),
    ];

    /// <summary>A step's own settings: its application name (so Monitoring finds it and a DBA can cancel it), its timeouts, the rest.</summary>
    public static ImmutableArray<Setting> For(string applicationName, Timeouts? timeouts, ImmutableArray<Setting> extra)
    {
        var list = ImmutableArray.CreateBuilder<Setting>(3 + extra.Length);
        list.Add(new Setting("application_name", applicationName));
        if (timeouts is not null)
        {
            list.Add(new Setting("lock_timeout", timeouts.LockTimeout));
            list.Add(new Setting("statement_timeout", timeouts.StatementTimeout));
        }

        list.AddRange(extra);
        return list.ToImmutable();
    }
}

/// <summary>The timeout policies of steps; what to do when they fire is said by the renderers (Rendering/Messages/English.Timeouts.cs).</summary>
public static class TimeoutPolicy
{
    public const string BriefLockTimeout = "3s";
    public const string BriefStatementTimeout = "5s";

    /// <summary>For a statement that takes a strong lock briefly and does no scan.</summary>
    public static Timeouts Brief { get; } = new("brief-lock", BriefLockTimeout, BriefStatementTimeout);

    /// <summary>For a statement that scans under a lock that does not block reads or writes (VALIDATE CONSTRAINT).</summary>
    public static Timeouts LongScan { get; } = new("online-scan", BriefLockTimeout, "0");

    /// <summary>For a table-locking statement that rewrites or scans under a strong lock: it cannot be made online as written.</summary>
    public static Timeouts Window { get; } = new("window", BriefLockTimeout, "0");

    /// <summary>For CREATE INDEX CONCURRENTLY: waits for older transactions are harmless to traffic.</summary>
    public static Timeouts ConcurrentIndex { get; } = new("concurrent", "0", "0");

    /// <summary>For a statement migplan did not analyse: bound the wait for its lock, whatever lock it takes.</summary>
    public static Timeouts Unanalysed { get; } = new("unanalysed", BriefLockTimeout, "0");

    /// <summary>For a batched UPDATE that is not idempotent (it reads what it writes): never re-run it.</summary>
    public static Timeouts BackfillOnce { get; } = new("backfill-once", BriefLockTimeout, "0");

    /// <summary>For a batched backfill: row-lock waits are bounded, the DO block as a whole is not.</summary>
    public static Timeouts Backfill { get; } = new("backfill", BriefLockTimeout, "0");

    /// <summary>A batched INSERT ... SELECT: committed batches stay, and running it again from the start would insert them twice.</summary>
    public static Timeouts CopyOnce { get; } = new("copy-once", BriefLockTimeout, "0");

    /// <summary>Every policy, by name.</summary>
    public static IReadOnlyList<Timeouts> All { get; } = [Brief, LongScan, Window, ConcurrentIndex, Unanalysed, BackfillOnce, Backfill, CopyOnce];

    public static Timeouts? Named(string policy) => All.FirstOrDefault(t => t.Policy == policy);
}
