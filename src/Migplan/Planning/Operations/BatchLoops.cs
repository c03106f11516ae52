using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>
/// The DO blocks that run one UPDATE/DELETE in batches, committing after each: by key ranges (keyset
/// pagination over the table's key, bounded by the last key present when the loop starts) or, for a
/// table without a usable key, by ranges of physical pages (ctid).
/// </summary>
internal static class BatchLoops
{
    /// <summary>Pause between batches, leaving room for replicas, autovacuum and application traffic.</summary>
    public const string PauseSeconds = "0.05";

    /// <summary>Session setting that makes a single-key batch loop start after a given key.</summary>
    public const string ResumeSetting = "migplan.resume_after";

    /// <summary>A batch waits while a standby's replay is further behind than this (bytes of WAL).</summary>
    public const long MaxReplicaLagBytes = 512L * 1024 * 1024;

    /// <summary><c>cols &gt;= lo AND cols &lt;= hi</c> for the current batch (a row comparison for a composite key).</summary>
    public static string KeyRange(ImmutableArray<KeyColumn> key, IEnumerable<string> columns)
    {
        string cols = Tuple(key, string.Join(", ", columns));
        return $"{cols} >= {Tuple(key, Vars("lo", key))} AND {cols} <= {Tuple(key, Vars("hi", key))}";
    }

    /// <summary>The current batch's pages, for <see cref="Ctid"/>.</summary>
    public static string PageRange(string qualifier) =>
        $"{qualifier}.ctid >= pg_catalog.format('(%s,0)', migplan_page)::tid AND {qualifier}.ctid < pg_catalog.format('(%s,0)', migplan_page + migplan_step)::tid";

    /// <summary>Runs <paramref name="dml"/> (which uses <see cref="KeyRange"/>) once per batch of <paramref name="batchSize"/> keys.</summary>
    public static string Keyset(TableFacts target, int batchSize, string dml, bool frozenTime)
    {
        var key = target.Key;
        string t = target.Name.Quoted;
        string cols = string.Join(", ", key.Select(k => k.Name.Quoted));
        string colsDesc = string.Join(", ", key.Select(k => k.Name.Quoted + " DESC"));
        string lo = Vars("lo", key);
        string hi = Vars("hi", key);
        string end = Vars("end", key);
        string T(string s) => Tuple(key, s);

        var body = new StringBuilder(1024 + dml.Length);
        body.Append("DECLARE\n");
        foreach (var prefix in new[] { "lo", "hi", "end" })
        {
            for (int k = 0; k < key.Length; k++)
            {
                body.Append($"  {Var(prefix, k)} {VariableType(key[k].Type)};\n");
            }
        }

        body.Append("  migplan_batch bigint;\n  migplan_rows bigint := 0;\n");
        body.Append(FrozenTimeDeclaration(frozenTime));
        body.Append("BEGIN\n");
        body.Append(FrozenTimeNotice(frozenTime));
        body.Append("  -- The last key when the script starts: rows inserted later are the application's, not the backfill's.\n");
        body.Append($"  SELECT {cols} INTO {end} FROM {t} ORDER BY {colsDesc} LIMIT 1;\n");
        if (key.Length == 1)
        {
            // Resume after a stop without re-reading finished batches: PGOPTIONS='-c migplan.resume_after=KEY'
            // (the last key a NOTICE reported). Unset, the loop starts at the first key.
            body.Append($"  IF coalesce(pg_catalog.current_setting('{ResumeSetting}', true), '') <> '' THEN\n");
            body.Append($"    RAISE NOTICE 'migplan: resuming after key %', pg_catalog.current_setting('{ResumeSetting}');\n");
            body.Append($"    SELECT {cols} INTO {lo} FROM {t} WHERE {cols} > pg_catalog.current_setting('{ResumeSetting}')::{VariableType(key[0].Type)} ORDER BY {cols} LIMIT 1;\n");
            body.Append("  ELSE\n");
            body.Append($"    SELECT {cols} INTO {lo} FROM {t} ORDER BY {cols} LIMIT 1;\n");
            body.Append("  END IF;\n");
        }
        else
        {
            body.Append($"  SELECT {cols} INTO {lo} FROM {t} ORDER BY {cols} LIMIT 1;\n");
        }

        body.Append($"  WHILE {Var("lo", 0)} IS NOT NULL AND {T(lo)} <= {T(end)} LOOP\n");
        body.Append($"    SELECT {cols} INTO {hi} FROM {t} WHERE {T(cols)} >= {T(lo)} AND {T(cols)} <= {T(end)} ORDER BY {cols} OFFSET {(batchSize - 1).ToString(CultureInfo.InvariantCulture)} LIMIT 1;\n");
        body.Append($"    IF {Var("hi", 0)} IS NULL THEN\n");
        for (int k = 0; k < key.Length; k++)
        {
            body.Append($"      {Var("hi", k)} := {Var("end", k)};\n");
        }

        body.Append("    END IF;\n");
        body.Append(SqlText.Indent(dml, 4)).Append('\n');
        body.Append("    GET DIAGNOSTICS migplan_batch = ROW_COUNT;\n");
        body.Append("    migplan_rows := migplan_rows + migplan_batch;\n");
        body.Append($"    RAISE NOTICE 'migplan: %: % rows so far, done up to key %', {SqlText.Literal(target.Name.Key)}, migplan_rows, {(key.Length == 1 ? hi : "ROW(" + hi + ")")};\n");
        body.Append("    COMMIT;\n");
        body.Append($"    PERFORM pg_catalog.pg_sleep({PauseSeconds});\n");
        body.Append(Throttle);
        body.Append($"    SELECT {cols} INTO {lo} FROM {t} WHERE {T(cols)} > {T(hi)} AND {T(cols)} <= {T(end)} ORDER BY {cols} LIMIT 1;\n");
        body.Append("  END LOOP;\n");
        body.Append("END\n");
        return SqlText.DoBlock(body.ToString());
    }

    /// <summary>Runs <paramref name="dml"/> (which uses <see cref="PageRange"/>) once per range of pages holding about <paramref name="batchSize"/> rows.</summary>
    public static string Ctid(TableFacts target, int batchSize, string dml, bool frozenTime)
    {
        string reg = SqlText.RegClass(target.Name);
        var body = new StringBuilder(1024 + dml.Length);
        body.Append("DECLARE\n");
        body.Append($"  migplan_pages bigint := pg_catalog.pg_relation_size({reg}) / pg_catalog.current_setting('block_size')::bigint;\n");
        // Every operator here has operands of one type (float8, bigint): a built-in that needs a coercion could be
        // outmatched by an operator someone created in public with the exact argument types.
        body.Append($"  migplan_step bigint := greatest(1::bigint, ({batchSize.ToString(CultureInfo.InvariantCulture)}::float8 / greatest(1::float8, (SELECT reltuples::float8 / greatest(relpages, 1)::float8 FROM pg_class WHERE oid = {reg})))::bigint);\n");
        body.Append("  migplan_page bigint := 0;\n  migplan_batch bigint;\n  migplan_rows bigint := 0;\n");
        body.Append(FrozenTimeDeclaration(frozenTime));
        body.Append("BEGIN\n");
        body.Append(FrozenTimeNotice(frozenTime));
        body.Append("  WHILE migplan_page <= migplan_pages LOOP\n");
        body.Append(SqlText.Indent(dml, 4)).Append('\n');
        body.Append("    GET DIAGNOSTICS migplan_batch = ROW_COUNT;\n");
        body.Append("    migplan_rows := migplan_rows + migplan_batch;\n");
        body.Append($"    RAISE NOTICE 'migplan: %: % rows so far, page % of %', {SqlText.Literal(target.Name.Key)}, migplan_rows, migplan_page, migplan_pages;\n");
        body.Append("    COMMIT;\n");
        body.Append($"    PERFORM pg_catalog.pg_sleep({PauseSeconds});\n");
        body.Append(Throttle);
        body.Append("    migplan_page := migplan_page + migplan_step;\n");
        body.Append("  END LOOP;\n");
        body.Append("END\n");
        return SqlText.DoBlock(body.ToString());
    }

    /// <summary>
    /// Waits while any standby replays more than <see cref="MaxReplicaLagBytes"/> behind (gh-ost's habit):
    /// the backfill's WAL must not run away from the replicas. Needs pg_monitor to read replay_lsn.
    /// </summary>
    private static readonly string Throttle =
        "    WHILE coalesce((SELECT pg_catalog.max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication), 0::numeric) > " +
        MaxReplicaLagBytes.ToString(CultureInfo.InvariantCulture) + "::numeric LOOP\n" +
        "      RAISE NOTICE 'migplan: a standby is more than 512 MB behind; waiting';\n" +
        "      PERFORM pg_catalog.pg_sleep(5);\n" +
        "    END LOOP;\n";

    private static string FrozenTimeDeclaration(bool frozenTime) =>
        frozenTime ? $"  {FrozenTime.Variable} timestamptz := pg_catalog.now(); -- now() of the first batch, used by every batch\n" : string.Empty;

    /// <summary>
    /// Leaves the fixed time in the session (<see cref="FrozenTime.Setting"/>, ISO 8601 in UTC, read the same under any
    /// DateStyle) for the step's verification, and prints it: a verification in another session sets it from there.
    /// </summary>
    private static string FrozenTimeNotice(bool frozenTime) =>
        frozenTime
            ? $"  PERFORM pg_catalog.set_config('{FrozenTime.Setting}', pg_catalog.to_char(pg_catalog.timezone('UTC', {FrozenTime.Variable}), 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00\"'), false);\n" +
              $"  RAISE NOTICE 'migplan: time functions fixed at %', pg_catalog.current_setting('{FrozenTime.Setting}');\n"
            : string.Empty;

    /// <summary>
    /// The variable holding key column <paramref name="index"/> (0-based) of a batch bound: <c>migplan_lo_1</c>. Named by
    /// position, not by column, so long or unusual column names cannot make two variables one after truncation.
    /// </summary>
    private static string Var(string prefix, int index) => "migplan_" + prefix + "_" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Vars(string prefix, ImmutableArray<KeyColumn> key) => string.Join(", ", Enumerable.Range(0, key.Length).Select(k => Var(prefix, k)));

    private static string Tuple(ImmutableArray<KeyColumn> key, string s) => key.Length == 1 ? s : "(" + s + ")";

    /// <summary>plpgsql variables (and casts) cannot be serial: use the integer type behind it.</summary>
    internal static string VariableType(TypeName type) => type.BaseName switch
    {
        "serial" or "serial4" => "integer",
        "bigserial" or "serial8" => "bigint",
        "smallserial" or "serial2" => "smallint",
        _ => type.Text,
    };
}
