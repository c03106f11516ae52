using System.Text;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// A normalised, comparable description of a database's user schema (every schema but the system ones and
/// <c>migplan</c>): relations with their columns (name, type, NOT NULL, default, identity, generated), constraints
/// (pg_get_constraintdef), indexes (pg_get_indexdef with the index name removed, plus validity), sequences
/// (type, bounds), enum and domain types, views and materialized views (definition), triggers, functions,
/// policies and partitions; comments on every object and privileges (ACLs) of relations, columns, routines and schemas. Lines are sorted, so two databases that differ only in column order
/// (<paramref name="ignoreColumnOrder"/>) or object creation order give the same text. Names of constraints and
/// indexes are kept: a plan must end with the names the naive change gives.
/// </summary>
public static class SchemaFingerprint
{
    public static async Task<string> OfAsync(NpgsqlConnection conn, CancellationToken ct, bool ignoreColumnOrder = true)
    {
        var lines = new List<string>();
        foreach (var query in Queries(ignoreColumnOrder))
        {
            await using var cmd = new NpgsqlCommand(query, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                lines.Add(reader.IsDBNull(0) ? "<null>" : reader.GetString(0));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Per user table, <c>schema.table: N rows, hash sums A B</c>: the row count and two sums of 64-bit hashes
    /// (hashtextextended, seeds 0 and 1) of its rows as text, a multiset hash that needs no sort (a 1,000,000-row table
    /// reads in a fraction of the time an md5 of its sorted rows takes); with <paramref name="ignoreColumnOrder"/>,
    /// the columns of each row are taken in name order.
    /// </summary>
    public static async Task<string> DataOfAsync(NpgsqlConnection conn, CancellationToken ct, bool ignoreColumnOrder = true, bool clockDefaultsAsNullness = false)
    {
        var tables = new List<(string Schema, string Name, List<string> Columns)>();

        // With clockDefaultsAsNullness, a column whose default reads the clock (now(), CURRENT_TIMESTAMP, ...) is
        // compared by whether it is NULL only: two databases filled at different times differ there whatever the plan.
        string column = clockDefaultsAsNullness
            ? """
              CASE WHEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) ~* '(now|current_timestamp|current_date|localtimestamp|statement_timestamp|clock_timestamp|transaction_timestamp)'
                   THEN '(' || pg_catalog.quote_ident(a.attname) || ' IS NULL)' ELSE pg_catalog.quote_ident(a.attname) END
              """
            : "pg_catalog.quote_ident(a.attname)";
        await using (var cmd = new NpgsqlCommand(
            $"""
            SELECT n.nspname, c.relname, array_agg({column} ORDER BY {(ignoreColumnOrder ? "a.attname" : "a.attnum")})
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE c.relkind IN ('r', 'p') AND {UserSchema("n")}
             GROUP BY n.nspname, c.relname ORDER BY 1, 2
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add((reader.GetString(0), reader.GetString(1), [.. reader.GetFieldValue<string[]>(2)]));
            }
        }

        var sb = new StringBuilder();
        foreach (var (schema, name, columns) in tables)
        {
            string table = Quote(schema) + "." + Quote(name);
            string row = "ROW(" + string.Join(", ", columns) + ")::text";
            await using var cmd = new NpgsqlCommand(
                $"SELECT count(*), coalesce(sum(pg_catalog.hashtextextended(r, 0)::numeric), 0)::text, coalesce(sum(pg_catalog.hashtextextended(r, 1)::numeric), 0)::text FROM (SELECT {row} AS r FROM ONLY {table}) s", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            sb.Append(schema).Append('.').Append(name).Append(": ").Append(reader.GetInt64(0)).Append(" rows, hash sums ").Append(reader.GetString(1)).Append(' ').Append(reader.GetString(2)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The lines only one fingerprint has (<c>- </c> expected only, <c>+ </c> actual only), or null when they are equal.</summary>
    public static string? Differences(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        var e = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
        var a = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var missing = e.Where(l => !a.Contains(l)).Select(l => "- " + l);
        var extra = a.Where(l => !e.Contains(l)).Select(l => "+ " + l);
        return string.Join('\n', missing.Concat(extra));
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string UserSchema(string n) =>
        $"{n}.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'migplan') AND {n}.nspname NOT LIKE 'pg_temp%' AND {n}.nspname NOT LIKE 'pg_toast_temp%'";

    private static IEnumerable<string> Queries(bool ignoreColumnOrder)
    {
        string position = ignoreColumnOrder ? "''" : "a.attnum::text || ' '";
        yield return $"""
            SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text
                   || coalesce(' partitioned by ' || pg_get_partkeydef(c.oid), '')
                   || coalesce(' partition of ' || (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid), '')
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c') AND {UserSchema("n")}
               AND NOT (c.relkind = 'c' AND EXISTS (SELECT 1 FROM pg_type t WHERE t.typrelid = c.oid AND t.typtype <> 'c'))
            """;
        yield return $"""
            SELECT 'column ' || n.nspname || '.' || c.relname || ' ' || {position} || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                   || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
                   || CASE a.attgenerated WHEN 's' THEN ' generated stored' ELSE '' END
                   || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation) ELSE '' END
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, t.typname) || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
                   || CASE WHEN k.convalidated THEN '' ELSE ' (not validated)' END
              FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
              LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid
             WHERE {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'index ' || n.nspname || '.' || ic.relname || ' on ' || tc.relname || ' '
                   || regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \S+ ON ', 'CREATE \1INDEX ON ')
                   || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END
                   || CASE WHEN i.indisprimary THEN ' (primary)' ELSE '' END
              FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = ic.relnamespace
             WHERE {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'sequence ' || n.nspname || '.' || c.relname || ' as ' || format_type(s.seqtypid, NULL) || ' ' || s.seqmin::text || '..' || s.seqmax::text
                   || ' increment ' || s.seqincrement::text || ' start ' || s.seqstart::text || ' cache ' || s.seqcache::text
                   || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
                   || coalesce(' owned by ' || (SELECT d.refobjid::regclass::text || '.' || a.attname FROM pg_depend d
                        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_class'::regclass LIMIT 1), '')
              FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text
                   || coalesce(' enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')', '')
                   || CASE WHEN t.typtype = 'd' THEN ' over ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END ELSE '' END
              FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE t.typtype IN ('e', 'd') AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('v', 'm') AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'trigger ' || n.nspname || '.' || c.relname || ' ' || pg_get_triggerdef(g.oid) || ' enabled ' || g.tgenabled::text
              FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT g.tgisinternal AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(pg_get_functiondef(p.oid))
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE p.prokind IN ('f', 'p') AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'policy ' || n.nspname || '.' || c.relname || ' ' || p.polname || ' ' || p.polcmd::text || ' ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '')
                   || ' / ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
              FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'row security ' || n.nspname || '.' || c.relname || ' ' || c.relrowsecurity::text || ' ' || c.relforcerowsecurity::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity) AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'comment ' || d.classoid::regclass::text || ' ' || d.objoid::regclass::text || ' ' || d.objsubid::text || ' ' || d.description
              FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE {UserSchema("n")}
            """;

        // Comments on everything else a user creates (constraints, functions, types, schemas, ...), and privileges
        // (each ACL's items sorted: the order of grants is not the schema; a NULL ACL is the default it stands for, and a
        // column's empty ACL is none: a grant revoked again leaves them explicit, with the same privileges).
        yield return $"""
            SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ' ' || d.description
              FROM pg_description d
             WHERE d.classoid <> 'pg_class'::regclass AND d.objoid >= 16384
            """;
        yield return $"""
            SELECT 'acl ' || n.nspname || '.' || c.relname || ' ' || (SELECT string_agg(x::text, ',' ORDER BY x::text)
                     FROM unnest(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) x)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'acl ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x)
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE cardinality(a.attacl) > 0 AND {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'acl ' || pg_describe_object('pg_proc'::regclass, p.oid, 0) || ' '
                   || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) x)
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE {UserSchema("n")}
            """;
        yield return $"""
            SELECT 'acl schema ' || n.nspname || ' ' || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) x)
              FROM pg_namespace n
             WHERE {UserSchema("n")}
            """;
    }
}
