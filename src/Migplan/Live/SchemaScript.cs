using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Live;

/// <summary>
/// Turns what <see cref="LiveIntrospector"/> read into a canonical DDL script, written the way pg_dump writes
/// it (so the lenient schema path loads it exactly as it loads a dump), plus the sizes and the facts.
/// The script is deterministic: objects by schema, then name (ordinal); the server's own deparsing
/// (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_triggerdef) for every definition.
/// </summary>
internal static class SchemaScript
{
    public static LiveSnapshot Snapshot(ConnectionSpec spec, LiveRows rows)
    {
        var tables = rows.Tables.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var byOid = tables.ToDictionary(t => t.Oid);
        string script = Write(rows, tables, byOid);
        var neverAnalysed = new List<string>();
        var stats = LiveStats.Of(tables, neverAnalysed);
        var invalid = rows.Indexes.Where(i => !i.Valid && byOid.ContainsKey(i.Table)).Select(i => new QualifiedName(new Identifier(byOid[i.Table].Schema), new Identifier(i.Name)))
            .OrderBy(n => n.Key, StringComparer.Ordinal).ToImmutableArray();
        var dependents = rows.Dependents.Where(d => byOid.ContainsKey(d.Table))
            .Select(d => new LiveDependent(Name(byOid[d.Table].Schema, byOid[d.Table].Name), d.Kind, d.Name, d.Detail))
            .OrderBy(d => d.Table, StringComparer.Ordinal).ThenBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal);
        var facts = new LiveFacts(
            spec.Server, rows.ServerVersionNum, invalid, [.. neverAnalysed], LiveIntrospector.Sorted(rows.Standbys), LiveIntrospector.Sorted(rows.Slots),
            [.. rows.Settings.Select(s => s.Key + " = " + s.Value)], [.. dependents]);
        var activity = tables.Select(t => new LiveActivity(Name(t.Schema, t.Name), t.LiveTuples ?? 0, t.DeadTuples ?? 0, Latest(t.LastVacuum, t.LastAutoVacuum), Latest(t.LastAnalyze, t.LastAutoAnalyze)))
            .ToImmutableDictionary(a => a.Table, StringComparer.Ordinal);
        var uses = rows.Uses.Where(u => byOid.ContainsKey(u.Table))
            .Select(u => new LiveUse(Name(byOid[u.Table].Schema, byOid[u.Table].Name), u.Column, u.Kind, u.Name, u.Textual))
            .OrderBy(u => u.Table, StringComparer.Ordinal).ThenBy(u => u.Column, StringComparer.Ordinal).ThenBy(u => u.Kind, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal);
        return new LiveSnapshot(new SourceText(spec.SourceName, script), stats, facts with { Activity = activity, Uses = [.. uses] }) { TransactionReadOnly = rows.TransactionReadOnly };
    }

    private static string Write(LiveRows rows, List<LiveTable> tables, Dictionary<uint, LiveTable> byOid)
    {
        var w = new StringBuilder(64 * 1024 + tables.Count * 512);
        w.Append("-- The schema as read from the live server by migplan (catalogs only; written like pg_dump --schema-only).\n");
        foreach (var e in rows.Enums.OrderBy(e => e.Schema, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            w.Append("CREATE TYPE ").Append(Name(e.Schema, e.Name)).Append(" AS ENUM (").AppendJoin(", ", e.Labels.Select(SqlText.Literal)).Append(");\n");
        }

        foreach (var d in rows.Domains.OrderBy(d => d.Schema, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            w.Append("CREATE DOMAIN ").Append(Name(d.Schema, d.Name)).Append(" AS ").Append(d.BaseType);
            if (d.NotNull)
            {
                w.Append(" NOT NULL");
            }

            if (d.Default is not null)
            {
                w.Append(" DEFAULT ").Append(d.Default);
            }

            foreach (var c in d.Constraints)
            {
                w.Append("\n    ").Append(c);
            }

            w.Append(";\n");
        }

        foreach (var s in rows.Sequences.OrderBy(s => s.Schema, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            w.Append(CultureInfo.InvariantCulture, $"CREATE SEQUENCE {Name(s.Schema, s.Name)} AS {s.Type} START WITH {s.Start} INCREMENT BY {s.Increment} MINVALUE {s.Min} MAXVALUE {s.Max} CACHE {s.Cache}{(s.Cycle ? " CYCLE" : string.Empty)};\n");
        }

        var columns = rows.Columns.GroupBy(c => c.Table).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var t in tables)
        {
            WriteTable(w, t, columns.GetValueOrDefault(t.Oid) ?? []);
        }

        foreach (var s in rows.Sequences.Where(s => s.OwnedBy is not null).OrderBy(s => s.Schema, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            w.Append("ALTER SEQUENCE ").Append(Name(s.Schema, s.Name)).Append(" OWNED BY ").Append(s.OwnedBy).Append(";\n");
        }

        foreach (var t in tables.Where(t => t.IsPartition && t.Parents.Count == 1))
        {
            w.Append("ALTER TABLE ONLY ").Append(t.Parents[0]).Append(" ATTACH PARTITION ").Append(Name(t.Schema, t.Name)).Append(' ').Append(t.PartitionBound).Append(";\n");
        }

        // Keys and checks first, then indexes, then foreign keys (they need the referenced keys), as pg_dump orders them.
        var constraints = rows.Constraints.Where(c => byOid.ContainsKey(c.Table))
            .OrderBy(c => Order(byOid[c.Table])).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        foreach (var c in constraints.Where(c => c.Type is 'p' or 'u' or 'x' || (c.Type == 'c' && c.Local)))
        {
            WriteConstraint(w, byOid[c.Table], c);
        }

        foreach (var i in rows.Indexes.Where(i => !i.BacksConstraint && byOid.ContainsKey(i.Table)).OrderBy(i => Order(byOid[i.Table])).ThenBy(i => i.Name, StringComparer.Ordinal))
        {
            if (!i.Valid)
            {
                w.Append("-- INVALID (a failed or unfinished CONCURRENTLY build): the planner knows it as invalid.\n");
            }

            w.Append(i.Definition).Append(";\n");
        }

        foreach (var tr in rows.Triggers.Where(tr => byOid.ContainsKey(tr.Table)).OrderBy(tr => Order(byOid[tr.Table])).ThenBy(tr => tr.Name, StringComparer.Ordinal))
        {
            w.Append(tr.Definition).Append(";\n");
            string? state = tr.Enabled switch { 'D' => "DISABLE TRIGGER", 'R' => "ENABLE REPLICA TRIGGER", 'A' => "ENABLE ALWAYS TRIGGER", _ => null };
            if (state is not null)
            {
                var t = byOid[tr.Table];
                w.Append("ALTER TABLE ").Append(Name(t.Schema, t.Name)).Append(' ').Append(state).Append(' ').Append(new Identifier(tr.Name).Quoted).Append(";\n");
            }
        }

        foreach (var c in constraints.Where(c => c.Type == 'f' && !c.Inherited))
        {
            WriteConstraint(w, byOid[c.Table], c);
        }

        return w.ToString();
    }

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Order(LiveTable t) => t.Schema + "\0" + t.Name;

    private static void WriteTable(StringBuilder w, LiveTable t, List<LiveColumn> columns)
    {
        bool inherits = !t.IsPartition && t.Parents.Count > 0;
        w.Append(t.Unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ").Append(Name(t.Schema, t.Name)).Append(" (");
        bool first = true;
        foreach (var c in columns.Where(c => !inherits || c.Local))
        {
            w.Append(first ? "\n    " : ",\n    ").Append(new Identifier(c.Name).Quoted).Append(' ').Append(c.Type);
            first = false;
            if (c.Generated is not null)
            {
                w.Append(" GENERATED ALWAYS AS (").Append(c.Generated).Append(") STORED");
            }

            if (c.Default is not null)
            {
                w.Append(" DEFAULT ").Append(c.Default);
            }

            if (c.NotNull)
            {
                w.Append(" NOT NULL");
            }

            if (c.Identity is 'a' or 'd')
            {
                w.Append(c.Identity == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            }
        }

        w.Append(first ? ")" : "\n)");
        if (inherits)
        {
            w.Append("\nINHERITS (").AppendJoin(", ", t.Parents).Append(')');
        }

        if (t.PartitionKey is not null)
        {
            w.Append("\nPARTITION BY ").Append(t.PartitionKey);
        }

        w.Append(";\n");
    }

    private static void WriteConstraint(StringBuilder w, LiveTable t, LiveConstraint c) =>
        w.Append(c.Type == 'f' || c.Type == 'c' ? "ALTER TABLE " : "ALTER TABLE ONLY ").Append(Name(t.Schema, t.Name))
            .Append("\n    ADD CONSTRAINT ").Append(new Identifier(c.Name).Quoted).Append(' ').Append(c.Definition).Append(";\n");

    private static string Name(string schema, string name) => new QualifiedName(new Identifier(schema), new Identifier(name)).Quoted;
}
