using System.Text;
using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>
/// Names for objects the input creates without one, chosen the way PostgreSQL 15 chooses them
/// (ChooseRelationName, ChooseConstraintName, ChooseIndexColumnNames in indexcmds.c and pg_constraint.c):
/// <c>table_columns_label</c> made by <see cref="SqlText.MakeName"/>, with a number added to the label
/// (<c>_check1</c>, <c>_idx2</c>) until the name is free. An index's name must differ from every table, index and
/// sequence of its schema, and, for an index that backs a constraint, from every constraint of the schema too; a
/// CHECK or FOREIGN KEY name from every constraint of the schema. Names migplan invents for its own helper objects
/// use the same rules, so a helper never takes over an object of the user's.
/// </summary>
public sealed class ObjectNames(Catalog catalog)
{
    private readonly HashSet<string> _relations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _constraints = new(StringComparer.Ordinal);

    // For each name being numbered (schema, parts, label, kind): the first number not yet known to be taken by this
    // statement's own names. With the catalog's hint (numbers known taken in the catalog) it keeps choosing the
    // n-th unnamed CHECK on a column linear: PostgreSQL would try 0..n-1 again each time.
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

    /// <summary>Marks a name written in the statement as taken, so a name chosen for another object of the statement differs.</summary>
    public void ReserveConstraint(Identifier schema, Identifier name) => _constraints.Add(Key(schema, name.Value));

    public void ReserveRelation(Identifier schema, Identifier name) => _relations.Add(Key(schema, name.Value));

    /// <summary>ChooseRelationName: the first free <c>name1_name2_label[N]</c> among relations (and constraints, when <paramref name="isConstraint"/>).</summary>
    public Identifier ChooseRelationName(Identifier schema, string name1, string? name2, string label, bool isConstraint)
    {
        return Choose(schema, name1, name2, label, isConstraint ? "rc" : "r", name =>
            catalog.RelationExists(new QualifiedName(schema, name)) || (isConstraint && catalog.ConstraintNameExists(schema, name.Value)),
            name =>
            {
                _relations.Add(Key(schema, name.Value));
                if (isConstraint)
                {
                    _constraints.Add(Key(schema, name.Value));
                }
            },
            name => _relations.Contains(Key(schema, name.Value)) || (isConstraint && _constraints.Contains(Key(schema, name.Value))));
    }

    /// <summary>ChooseConstraintName: the first <c>name1_name2_label[N]</c> that no constraint of the schema has.</summary>
    public Identifier ChooseConstraintName(Identifier schema, string name1, string? name2, string label) =>
        Choose(schema, name1, name2, label, "c", name => catalog.ConstraintNameExists(schema, name.Value),
            name => _constraints.Add(Key(schema, name.Value)), name => _constraints.Contains(Key(schema, name.Value)));

    /// <summary>
    /// The first <c>name1_name2_label[N]</c> neither in the catalog nor taken by this statement, as PostgreSQL
    /// chooses it, starting past the numbers already known to be taken.
    /// </summary>
    private Identifier Choose(Identifier schema, string name1, string? name2, string label, string kind,
        Func<Identifier, bool> inCatalog, Action<Identifier> reserve, Func<Identifier, bool> reserved)
    {
        string key = string.Join('\0', schema.Value, name1, name2 ?? string.Empty, label, kind);
        int catalogRun = catalog.NameHint(key); // numbers below it are taken in the catalog
        for (int pass = Math.Max(catalogRun, _next.GetValueOrDefault(key)); ; pass++)
        {
            var name = SqlText.MakeName(name1, name2, Label(label, pass));
            if (inCatalog(name))
            {
                if (pass == catalogRun)
                {
                    catalogRun++;
                }

                continue;
            }

            if (reserved(name))
            {
                continue;
            }

            reserve(name);
            _next[key] = pass + 1;
            catalog.RaiseNameHint(key, catalogRun);
            return name;
        }
    }

    /// <summary>
    /// ChooseIndexColumnNames: each element's name (column, figured expression name or "expr"), a number added
    /// to one that repeats an earlier one (<c>a</c>, <c>a1</c>), kept under 64 bytes.
    /// </summary>
    public static List<string> IndexColumnNames(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (string original in names)
        {
            string current = original;
            for (int i = 1; result.Contains(current, StringComparer.Ordinal); i++)
            {
                string suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                current = SqlText.ClipBytes(original, SqlText.MaxNameBytes - suffix.Length) + suffix;
            }

            result.Add(current);
        }

        return result;
    }

    /// <summary>
    /// ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: the names joined by '_', stopping once
    /// the joined text reaches 64 bytes (makeObjectName shortens it further).
    /// </summary>
    public static string NameAddition(IEnumerable<string> names)
    {
        var sb = new StringBuilder();
        int bytes = 0;
        foreach (string name in names)
        {
            if (sb.Length > 0)
            {
                sb.Append('_');
                bytes++;
            }

            string part = SqlText.ClipBytes(name, SqlText.MaxNameBytes);
            sb.Append(part);
            bytes += Encoding.UTF8.GetByteCount(part);
            if (bytes >= SqlText.MaxNameBytes + 1)
            {
                break;
            }
        }

        return sb.ToString();
    }

    private static string Label(string label, int pass) =>
        pass == 0 ? label : label + pass.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(Identifier schema, string name) => schema.Value + "." + name;
}
