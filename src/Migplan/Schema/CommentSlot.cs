using System.Text.RegularExpressions;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// Where the catalog keeps the comment a COMMENT ON statement names. Tables, columns, indexes and constraints keep
/// their own (so it follows renames and goes with drops); other objects are kept by kind and name in
/// <see cref="Catalog.Comments"/>. <see cref="Known"/> is false when the catalog cannot say what the comment is: the
/// object is not one the schema model holds and no comment of it was read, or the schema carries no comments at all
/// (<see cref="Catalog.CommentsCarried"/>).
/// </summary>
public sealed partial record CommentSlot(bool Known, string? Current, Action<string?> Set)
{
    public static CommentSlot For(Catalog catalog, CommentStatement s)
    {
        var slot = Find(catalog, s);
        return catalog.CommentsCarried ? slot : slot with { Known = false };
    }

    private static CommentSlot Find(Catalog catalog, CommentStatement s)
    {
        switch (s.Kind)
        {
            case "TABLE" or "MATERIALIZED VIEW" or "FOREIGN TABLE" when catalog.FindTable(s.Name) is { } table:
                return new(true, table.Comment, c => table.Comment = c);
            case "COLUMN" when catalog.FindTable(s.Name) is { } table && table.FindColumn(s.Column!) is { } column:
                return new(true, column.Comment, c => column.Comment = c);
            case "INDEX" when catalog.FindIndex(s.Name) is { } index:
                return new(true, index.Comment, c => index.Comment = c);
            case "CONSTRAINT" when !s.OnDomain && catalog.FindTable(s.On!) is { } table && table.FindConstraint(s.Name.Name) is { } constraint:
                return new(true, constraint.Comment, c => constraint.Comment = c);
        }

        string key = Key(catalog, s);
        var comments = catalog.Comments;
        bool modelled = (s.Kind == "SEQUENCE" && catalog.HasSequence(s.Name)) || (s.Kind == "TYPE" && catalog.HasType(s.Name));
        bool known = comments.TryGetValue(key, out string? current) || modelled;
        return new(known, current, c => comments[key] = c);
    }

    /// <summary>The key of an object the catalog does not model: its class, its (resolved) name, and a routine's arguments.</summary>
    private static string Key(Catalog catalog, CommentStatement s)
    {
        string kind = s.Kind switch
        {
            "TABLE" or "VIEW" or "MATERIALIZED VIEW" or "FOREIGN TABLE" or "SEQUENCE" or "INDEX" => "relation",
            "TYPE" or "DOMAIN" => "type",
            "FUNCTION" or "PROCEDURE" or "ROUTINE" => "routine",
            _ => s.Kind.ToLowerInvariant(),
        };
        bool schemaObject = kind is "relation" or "type" or "routine" or "aggregate" or "collation" or "statistics" or "conversion" or "column";
        string name = schemaObject ? catalog.Resolve(s.Name).Key : s.Name.Key;
        string on = s.On is { } o ? " on " + catalog.Resolve(o).Key : string.Empty;
        string column = s.Column is { } c ? "." + c.Value : string.Empty;
        string arguments = s.Arguments is { } a ? "(" + Spaces().Replace(a.ToLowerInvariant(), " ").Trim() + ")" : string.Empty;
        return $"{kind} {name}{column}{arguments}{on}";
    }

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
