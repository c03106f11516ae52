using Migplan.Analysis;
using Migplan.Sql;

namespace Migplan.Planning.Operations;

/// <summary>
/// The SQL of the compatibility views the rename recipes keep while both application versions run (see
/// docs/renames.md): a simple view over one table, so PostgreSQL makes it auto-updatable; <c>security_invoker</c> on
/// PostgreSQL 15+, so the caller's privileges and the table's row-level security apply as they do on the table; the
/// table's SELECT, INSERT, UPDATE and DELETE grants copied to it (and USAGE on its schema), so the roles that use the
/// table can use the view.
/// </summary>
internal static class CompatibilityViews
{
    /// <summary>The schema that holds the views exposing a schema's tables under their old column names.</summary>
    public static Identifier SchemaFor(Identifier schema) => new(SqlText.ClipBytes("migplan_compat_" + schema.Value, SqlText.MaxNameBytes));

    /// <summary>
    /// Statements (for a PL/pgSQL block, each line indented by four) creating <paramref name="view"/> as
    /// <c>SELECT <paramref name="select"/> FROM <paramref name="table"/></c>, with the table's grants, and USAGE on the
    /// view's schema when it is not the table's (whoever uses the table has USAGE on its schema already).
    /// </summary>
    public static string Create(PgCapabilities caps, QualifiedName view, QualifiedName table, string select) =>
        $"    CREATE VIEW {view.Quoted}{(caps.SecurityInvokerViews ? " WITH (security_invoker = true)" : string.Empty)} AS SELECT {select} FROM {table.Quoted};\n" +
        "    FOR g IN SELECT DISTINCT a.privilege_type AS privilege, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::pg_catalog.regrole::text END AS grantee\n" +
        $"               FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a\n" +
        $"              WHERE c.oid = {table.RegClass} AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE') LOOP\n" +
        $"      EXECUTE pg_catalog.format('GRANT %s ON %s TO %s', g.privilege, {SqlText.Literal(view.Quoted)}, g.grantee);\n" +
        (view.Schema!.Equals(table.Schema) ? string.Empty : $"      EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %s TO %s', {SqlText.Literal(view.Schema!.Quoted)}, g.grantee);\n") +
        "    END LOOP;\n";

    /// <summary>A block creating <paramref name="view"/> (and its schema) unless it exists: a re-run after success does nothing.</summary>
    public static string CreateIfMissing(PgCapabilities caps, QualifiedName view, QualifiedName table, string select, bool createSchema) =>
        SqlText.DoBlock(
            "DECLARE\n  g record;\n" +
            "BEGIN\n" +
            (createSchema ? $"  CREATE SCHEMA IF NOT EXISTS {view.Schema!.Quoted};\n" : string.Empty) +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(view.Quoted)}) IS NULL THEN\n" +
            Create(caps, view, table, select) +
            "  END IF;\n" +
            "END\n");

    /// <summary>A block dropping <paramref name="view"/>, and then its schema when <paramref name="dropSchema"/> and nothing else is in it.</summary>
    public static string Drop(QualifiedName view, bool dropSchema)
    {
        if (!dropSchema)
        {
            return $"DROP VIEW IF EXISTS {view.Quoted};\n";
        }

        string schema = SqlText.Literal(view.Schema!.Quoted);
        return SqlText.DoBlock(
            "BEGIN\n" +
            $"  DROP VIEW IF EXISTS {view.Quoted};\n" +
            $"  IF pg_catalog.to_regnamespace({schema}) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d\n" +
            $"       WHERE d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.refobjid = pg_catalog.to_regnamespace({schema})) THEN\n" +
            $"    DROP SCHEMA {view.Schema!.Quoted};\n" +
            "  END IF;\n" +
            "END\n");
    }
}
