namespace Migplan.Verify.Rows;

/// <summary>The pg_catalog queries of <see cref="RowsCatalog"/>: one per kind of fact, each filtered to the tables read first.</summary>
internal static class RowsCatalogQueries
{
    /// <summary>Ordinary, partitioned and foreign tables outside the system schemas, and whether an extension owns them.</summary>
    public const string Tables = """
        SELECT c.oid, n.nspname, c.relname, c.relkind::text,
               (SELECT i.inhparent FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid AND c.relispartition),
               CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,
               CASE WHEN c.relispartition THEN pg_catalog.pg_get_partition_constraintdef(c.oid) END,
               p.partstrat::text,
               (SELECT pg_catalog.array_agg(a.attname ORDER BY k.o)
                  FROM pg_catalog.unnest(p.partattrs::pg_catalog.int2[]) WITH ORDINALITY k(n, o)
                  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.n),
               EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_catalog.pg_partitioned_table p ON p.partrelid = c.oid
         WHERE c.relkind IN ('r', 'p', 'f')
           AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
         ORDER BY n.nspname, c.relname
        """;

    /// <summary>Columns, their domains resolved (base type, typmod, NOT NULL and CHECKs of the whole chain), enums' labels.</summary>
    public const string Columns = """
        WITH RECURSIVE dom AS (
            SELECT t.oid AS top, t.typbasetype AS cur, t.typtypmod AS typmod, t.typnotnull AS nn, ARRAY[t.oid] AS chain
              FROM pg_catalog.pg_type t WHERE t.typtype = 'd'
            UNION ALL
            SELECT d.top, t.typbasetype, CASE WHEN d.typmod <> -1 THEN d.typmod ELSE t.typtypmod END,
                   d.nn OR t.typnotnull, d.chain || t.oid
              FROM dom d JOIN pg_catalog.pg_type t ON t.oid = d.cur WHERE t.typtype = 'd'
        ), base AS (
            SELECT d.* FROM dom d JOIN pg_catalog.pg_type t ON t.oid = d.cur WHERE t.typtype <> 'd'
        )
        SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
               a.attnotnull OR coalesce(b.nn, false),
               pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
               a.attidentity <> '', a.attgenerated <> '',
               bt.typname::text, bt.typcategory::text, CASE WHEN b.top IS NULL THEN a.atttypmod ELSE b.typmod END,
               et.typname::text, et.typcategory::text,
               (SELECT pg_catalog.array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
                 WHERE e.enumtypid = CASE WHEN bt.typtype = 'e' THEN bt.oid WHEN et.typtype = 'e' THEN et.oid END),
               (SELECT pg_catalog.array_agg(pg_catalog.pg_get_expr(k.conbin, 0) ORDER BY k.conname) FROM pg_catalog.pg_constraint k
                 WHERE k.contype = 'c' AND k.contypid = ANY (b.chain))
          FROM pg_catalog.pg_attribute a
          LEFT JOIN base b ON b.top = a.atttypid
          JOIN pg_catalog.pg_type bt ON bt.oid = coalesce(b.cur, a.atttypid)
          LEFT JOIN pg_catalog.pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
          LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
         WHERE a.attrelid = ANY (@oids) AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attrelid, a.attnum
        """;

    /// <summary>Unique indexes: every column they read (key, INCLUDE, and those of their expressions and predicates).</summary>
    public const string Uniques = """
        SELECT i.indrelid,
               ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = i.indrelid AND a.attnum > 0
                        AND (a.attnum = ANY (i.indkey::pg_catalog.int2[])
                             OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                         WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = i.indexrelid
                                           AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                           AND d.refobjid = i.indrelid AND d.refobjsubid = a.attnum))
                      ORDER BY a.attnum)
          FROM pg_catalog.pg_index i
         WHERE i.indisunique AND i.indrelid = ANY (@oids)
         ORDER BY i.indrelid, i.indexrelid
        """;

    /// <summary>Foreign keys of each ordinary table, its own or its partitioned ancestors' (the top constraint only).</summary>
    public const string ForeignKeys = """
        SELECT t.oid, k.conname::text, k.confrelid,
               ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY u(n, o)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),
               ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY u(n, o)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o)
          FROM pg_catalog.pg_class t
          JOIN pg_catalog.pg_constraint k ON k.contype = 'f' AND k.conparentid = 0
               AND (k.conrelid = t.oid OR k.conrelid IN (SELECT x.relid FROM pg_catalog.pg_partition_ancestors(t.oid) x))
         WHERE t.oid = ANY (@oids) AND t.relkind = 'r'
         ORDER BY t.oid, k.conname
        """;

    /// <summary>CHECK constraints with the columns they read.</summary>
    public const string Checks = """
        SELECT k.conrelid, k.conname::text, pg_catalog.pg_get_expr(k.conbin, k.conrelid),
               ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(k.conkey) u(n)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n)
          FROM pg_catalog.pg_constraint k
         WHERE k.contype = 'c' AND k.conrelid = ANY (@oids)
         ORDER BY k.conrelid, k.conname
        """;

    /// <summary>Sequences owned by a column (serial, identity) of these tables.</summary>
    public const string OwnedSequences = """
        SELECT s.oid::pg_catalog.regclass::text, d.refobjid, a.attname::text
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
          JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
          JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
         WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.deptype IN ('a', 'i') AND d.refobjid = ANY (@oids) AND q.seqincrement > 0
         ORDER BY 1
        """;
}
