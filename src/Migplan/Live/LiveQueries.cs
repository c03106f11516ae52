namespace Migplan.Live;

/// <summary>
/// The catalog and statistics reads of <c>plan --conn</c>, sent as one batch inside a READ ONLY transaction
/// with <c>search_path = ''</c>, so every name the server deparses comes schema-qualified as in pg_dump.
/// Sizes: the heap is pg_relation_size of the table; the indexes the sum of pg_relation_size of each index
/// (pg_indexes_size also counts their free-space maps, and costs four times as much on 5,000 tables). The
/// statistics come from the pg_stat_get_* functions behind pg_stat_all_tables, called for these tables only.
/// Every query reads catalogs or statistics views only; none needs more than CONNECT and pg_read_all_stats.
/// </summary>
internal static class LiveQueries
{
    /// <summary>Schemas of the user: not pg_catalog, information_schema, pg_toast*, pg_temp* (no user schema may start with pg_).</summary>
    private const string UserSchema = "{0}.nspname <> 'information_schema' AND {0}.nspname !~ '^pg_'";

    private static string NotExtensionMember(string classCatalog, string oid) =>
        $"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = '{classCatalog}'::pg_catalog.regclass AND e.objid = {oid} AND e.deptype = 'e')";

    /// <summary>The oids of the user's tables and partitioned tables (relkind r, p), extension members left out as pg_dump does.</summary>
    private static readonly string Tables =
        "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        $"WHERE c.relkind IN ('r', 'p') AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSchema, "n")} AND {NotExtensionMember("pg_catalog.pg_class", "c.oid")}";

    /// <summary>Before the timeouts are set: the server's own values of the settings that matter to a plan.</summary>
    public const string Server =
        "SELECT pg_catalog.current_setting('server_version_num')::int4, pg_catalog.current_setting('transaction_read_only'), " +
        "ARRAY(SELECT s.name || '=' || s.setting || coalesce(' ' || s.unit, '') FROM pg_catalog.pg_settings s WHERE s.name IN ('default_transaction_read_only', 'server_version', 'lock_timeout', 'maintenance_work_mem', 'max_wal_size', 'statement_timeout', 'wal_level') ORDER BY s.name)";

    public static IEnumerable<string> Session(string statementTimeout, string lockTimeout) =>
    [
        $"SET LOCAL statement_timeout = '{statementTimeout}'",
        $"SET LOCAL lock_timeout = '{lockTimeout}'",
        "SET LOCAL search_path = ''",
    ];

    public const string Replication =
        "SELECT 'standby', coalesce(r.application_name, '') || coalesce(' (' || pg_catalog.host(r.client_addr) || ')', '') FROM pg_catalog.pg_stat_replication r " +
        "UNION ALL SELECT 'slot', s.slot_name || ' (' || s.slot_type || CASE WHEN s.active THEN ', active' ELSE ', inactive' END || ')' FROM pg_catalog.pg_replication_slots s ORDER BY 1, 2";

    public static readonly string TableRows =
        "SELECT c.oid, n.nspname::text, c.relname::text, c.relkind = 'p', c.relispartition, " +
        "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, " +
        "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, " +
        "ARRAY(SELECT i.inhparent::pg_catalog.regclass::text FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid ORDER BY i.inhseqno), " +
        "c.relpersistence = 'u', c.reltuples::float8, pg_catalog.pg_relation_size(c.oid), " +
        "coalesce((SELECT pg_catalog.sum(pg_catalog.pg_relation_size(x.indexrelid)) FROM pg_catalog.pg_index x WHERE x.indrelid = c.oid), 0)::int8, " +
        "pg_catalog.pg_stat_get_live_tuples(c.oid), pg_catalog.pg_stat_get_dead_tuples(c.oid), pg_catalog.pg_stat_get_last_vacuum_time(c.oid), " +
        "pg_catalog.pg_stat_get_last_autovacuum_time(c.oid), pg_catalog.pg_stat_get_last_analyze_time(c.oid), pg_catalog.pg_stat_get_last_autoanalyze_time(c.oid) " +
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        $"WHERE c.oid IN ({Tables})";

    public static readonly string Columns =
        "SELECT a.attrelid, a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, " +
        "CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attidentity::text, " +
        "CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attislocal " +
        "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
        $"WHERE a.attrelid IN ({Tables}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";

    public static readonly string Constraints =
        "SELECT co.conrelid, co.conname::text, co.contype::text, pg_catalog.pg_get_constraintdef(co.oid), co.conislocal, co.conparentid <> 0 " +
        $"FROM pg_catalog.pg_constraint co WHERE co.conrelid IN ({Tables}) AND co.contype IN ('c', 'f', 'p', 'u', 'x')";

    /// <summary>Indexes; the definition only of those that back no constraint (a constraint's index comes with the constraint, as in pg_dump).</summary>
    public static readonly string Indexes =
        "SELECT x.indrelid, x.relname, CASE WHEN x.backs THEN '' ELSE pg_catalog.pg_get_indexdef(x.indexrelid) END, x.indisvalid, x.backs FROM " +
        "(SELECT i.indrelid, i.indexrelid, ic.relname::text AS relname, i.indisvalid, " +
        " EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.conrelid = i.indrelid AND co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x')) AS backs " +
        $" FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid IN ({Tables})) x";

    public static readonly string Enums =
        "SELECT n.nspname::text, t.typname::text, ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) " +
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace " +
        $"WHERE t.typtype = 'e' AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSchema, "n")} AND {NotExtensionMember("pg_catalog.pg_type", "t.oid")}";

    public static readonly string Domains =
        "SELECT n.nspname::text, t.typname::text, pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, " +
        "ARRAY(SELECT 'CONSTRAINT ' || pg_catalog.quote_ident(c.conname) || ' ' || pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid ORDER BY c.conname) " +
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace " +
        $"WHERE t.typtype = 'd' AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSchema, "n")} AND {NotExtensionMember("pg_catalog.pg_type", "t.oid")}";

    /// <summary>Sequences other than identity columns' (those come with their column, as in pg_dump).</summary>
    public static readonly string Sequences =
        "SELECT n.nspname::text, c.relname::text, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, " +
        "(SELECT d.refobjid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(a.attname) FROM pg_catalog.pg_depend d " +
        " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid " +
        " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' LIMIT 1) " +
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid " +
        $"WHERE c.relkind = 'S' AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSchema, "n")} AND {NotExtensionMember("pg_catalog.pg_class", "c.oid")} " +
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'i')";

    /// <summary>User triggers, not the clones a partitioned table's trigger puts on its partitions.</summary>
    public static readonly string Triggers =
        "SELECT tg.tgrelid, tg.tgname::text, pg_catalog.pg_get_triggerdef(tg.oid), tg.tgenabled::text FROM pg_catalog.pg_trigger tg " +
        $"WHERE tg.tgrelid IN ({Tables}) AND NOT tg.tgisinternal AND tg.tgparentid = 0";

    /// <summary>
    /// What depends on each table: views and materialized views (pg_depend through their rewrite rule, with the
    /// columns they read), policies, foreign keys of other tables, and functions whose body mentions the table's
    /// name as a word (a textual match: it may find a namesake and miss dynamic SQL).
    /// </summary>
    public static readonly string Dependents =
        "SELECT d.refobjid, CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, v.oid::pg_catalog.regclass::text, " +
        " pg_catalog.string_agg(DISTINCT a.attname::text, ', ') " +
        "FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid JOIN pg_catalog.pg_class v ON v.oid = r.ev_class " +
        "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0 " +
        $"WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid IN ({Tables}) AND v.oid <> d.refobjid " +
        "GROUP BY d.refobjid, v.relkind, v.oid " +
        "UNION ALL SELECT p.polrelid, 'policy', pg_catalog.quote_ident(p.polname), NULL FROM pg_catalog.pg_policy p " +
        $"WHERE p.polrelid IN ({Tables}) " +
        "UNION ALL SELECT co.confrelid, 'foreign key', co.conrelid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(co.conname), NULL FROM pg_catalog.pg_constraint co " +
        $"WHERE co.contype = 'f' AND co.conparentid = 0 AND co.conrelid <> co.confrelid AND co.confrelid IN ({Tables}) " +
        "UNION ALL SELECT c.oid, 'function', f.proc, 'its body mentions the name (textual match)' FROM " +
        " (SELECT p.oid::pg_catalog.regprocedure::text AS proc, pg_catalog.lower(p.prosrc) AS src FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace " +
        $"  JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE l.lanname NOT IN ('c', 'internal') AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSchema, "pn")} AND {NotExtensionMember("pg_catalog.pg_proc", "p.oid")}) f " +
        $" JOIN pg_catalog.pg_class c ON c.oid IN ({Tables}) AND pg_catalog.strpos(f.src, pg_catalog.lower(c.relname)) > 0 " +
        "  AND f.src ~ ('(^|[^a-z0-9_$])' || pg_catalog.regexp_replace(pg_catalog.lower(c.relname), '([^a-z0-9_])', '\\\\\\1', 'g') || '($|[^a-z0-9_$])')";

    /// <summary>Functions of the user (not C or internal, not an extension's): what a textual match reads.</summary>
    private static readonly string UserFunctions =
        "SELECT p.oid, p.prosrc FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace JOIN pg_catalog.pg_language l ON l.oid = p.prolang " +
        $"WHERE l.lanname NOT IN ('c', 'internal') AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSchema, "pn")} AND {NotExtensionMember("pg_catalog.pg_proc", "p.oid")}";

    /// <summary>What uses each table or its columns (see <see cref="LiveUse"/>): what a rename touches.</summary>
    public static readonly string Uses = LiveUseQuery.For(Tables, UserFunctions);
}
