using Migplan.Analysis;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// The key <see cref="DefinedObjects"/> keeps a function, procedure, view or trigger under: its kind and name (a trigger's
/// with its table), and a routine's identity argument types, spelled as PostgreSQL prints them and without
/// modifiers (<c>int</c>, <c>int4</c> and <c>integer</c> are one type; <c>varchar(10)</c> is <c>character varying</c>),
/// so an overload is an object of its own and a DROP finds what a CREATE made however either spells its types.
/// </summary>
public static class DefinedIdentity
{
    public static string Key(DefinedName target, string defaultSchema)
    {
        var kind = target.Kind switch
        {
            DefinitionKind.Function => DefinedKind.Function,
            DefinitionKind.Procedure => DefinedKind.Procedure,
            DefinitionKind.View => DefinedKind.View,
            DefinitionKind.Trigger => DefinedKind.Trigger,
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };
        if (kind == DefinedKind.Trigger)
        {
            return $"{kind} {target.Name.Name.Value} ON {target.Table!.WithDefaultSchema(defaultSchema).Quoted}";
        }

        string name = kind + " " + target.Name.WithDefaultSchema(defaultSchema).Quoted;
        return target.IdentityTypes is { } types ? name + "(" + string.Join(",", types.Select(t => TypeKey(t, defaultSchema))) + ")" : name;
    }

    /// <summary>A type as a signature compares it: canonical spelling, no modifiers, no pg_catalog or default-schema qualification.</summary>
    public static string TypeKey(TypeName type, string defaultSchema)
    {
        string baseName = type.BaseName;
        foreach (string schema in new[] { "pg_catalog.", new Identifier(defaultSchema).Quoted + "." })
        {
            if (baseName.StartsWith(schema, StringComparison.Ordinal))
            {
                baseName = baseName[schema.Length..];
            }
        }

        string arrays = string.Concat(Enumerable.Repeat("[]", type.ArrayDimensions));
        string spelled = TypeDisplay.FormatType(new TypeName(baseName, baseName, [], type.ArrayDimensions));
        return spelled == baseName ? baseName + arrays : spelled;
    }
}
