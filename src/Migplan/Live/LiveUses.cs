namespace Migplan.Live;

/// <summary>
/// An object that uses a table, or one of its columns, by the live catalog: a view or materialized view, a trigger,
/// a policy, an index, a constraint or foreign key (pg_depend, which records the columns each reads), or a function
/// whose body mentions the name (prosrc, a textual match). What a rename of the table or the column touches.
/// </summary>
/// <param name="Table">The table's qualified name, quoted as in the steps' locks.</param>
/// <param name="Column">The column it uses; null for a use of the table as a whole.</param>
/// <param name="Kind">"view", "materialized view", "trigger", "policy", "index", "constraint", "foreign key" or "function".</param>
/// <param name="Name">The object's name as the server writes it (schema-qualified; a trigger or policy with its table).</param>
/// <param name="Textual">True when found by a textual match of a function's body, not by a recorded dependency.</param>
public sealed record LiveUse(string Table, string? Column, string Kind, string Name, bool Textual);

/// <summary>The query behind <see cref="LiveUse"/>, sent in the introspection batch.</summary>
internal static class LiveUseQuery
{
    /// <summary>A regular expression, as SQL, matching <paramref name="lowerName"/> (an SQL text expression) as a whole word of a lower-cased body.</summary>
    private static string WordPattern(string lowerName) =>
        $"('(^|[^a-z0-9_$])' || pg_catalog.regexp_replace({lowerName}, '([^a-z0-9_])', '\\\\\\1', 'g') || '($|[^a-z0-9_$])')";

    /// <summary>
    /// Per table (oid) of <paramref name="tables"/>: every object recorded in pg_depend as using it or one of its
    /// columns, and every function (not C or internal) whose body mentions the table's name, or that a trigger of the
    /// table calls, with each column of the table its body mentions (a textual match: it may find a namesake, and
    /// misses dynamic SQL that builds the name).
    /// </summary>
    public static string For(string tables, string userFunctions) =>
        "SELECT DISTINCT d.refobjid, CASE WHEN d.refobjsubid > 0 THEN a.attname::text END, x.kind, x.name, false " +
        "FROM pg_catalog.pg_depend d LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0 " +
        "CROSS JOIN LATERAL (" +
        " SELECT CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, v.oid::pg_catalog.regclass::text FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class v ON v.oid = r.ev_class " +
        "  WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid AND v.oid <> d.refobjid " +
        " UNION ALL SELECT 'trigger', pg_catalog.quote_ident(t.tgname) || ' ON ' || t.tgrelid::pg_catalog.regclass::text FROM pg_catalog.pg_trigger t " +
        "  WHERE d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND t.oid = d.objid AND NOT t.tgisinternal " +
        " UNION ALL SELECT 'policy', pg_catalog.quote_ident(p.polname) || ' ON ' || p.polrelid::pg_catalog.regclass::text FROM pg_catalog.pg_policy p " +
        "  WHERE d.classid = 'pg_catalog.pg_policy'::pg_catalog.regclass AND p.oid = d.objid " +
        " UNION ALL SELECT CASE co.contype WHEN 'f' THEN 'foreign key' ELSE 'constraint' END, co.conrelid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(co.conname) " +
        "  FROM pg_catalog.pg_constraint co WHERE d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND co.oid = d.objid AND co.conrelid <> 0 " +
        " UNION ALL SELECT 'index', i.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class i " +
        "  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.oid = d.objid AND i.relkind IN ('i', 'I')" +
        ") x(kind, name) " +
        $"WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid IN ({tables}) AND d.deptype IN ('n', 'a') " +
        "UNION SELECT c.oid, ca.attname, 'function', f.proc, true FROM " +
        $" (SELECT p.oid, p.oid::pg_catalog.regprocedure::text AS proc, pg_catalog.lower(p.prosrc) AS src FROM ({userFunctions}) p) f " +
        $" JOIN pg_catalog.pg_class c ON c.oid IN ({tables}) AND ((pg_catalog.strpos(f.src, pg_catalog.lower(c.relname)) > 0 AND f.src ~ {WordPattern("pg_catalog.lower(c.relname)")}) " +
        "  OR EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid AND t.tgfoid = f.oid)) " +
        " CROSS JOIN LATERAL (SELECT NULL::text UNION ALL SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped " +
        $"  AND pg_catalog.strpos(f.src, pg_catalog.lower(a.attname)) > 0 AND f.src ~ {WordPattern("pg_catalog.lower(a.attname)")}) ca(attname)";
}
