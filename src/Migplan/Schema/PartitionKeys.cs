using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>The elements of a PARTITION BY clause (<c>RANGE (a, lower(b))</c>): a plain column each, or null for an expression.</summary>
public static class PartitionKeys
{
    public static IReadOnlyList<Identifier?> Of(string? partitionBy)
    {
        if (partitionBy is null)
        {
            return [];
        }

        int open = partitionBy.IndexOf('(', StringComparison.Ordinal);
        int close = partitionBy.LastIndexOf(')');
        if (open < 0 || close <= open)
        {
            return [];
        }

        var elements = new List<Identifier?>();
        foreach (string element in SplitTopLevel(partitionBy[(open + 1)..close]))
        {
            elements.Add(PlainColumn(element.Trim()));
        }

        return elements;
    }

    /// <summary>The column of an element written as a name, with an optional COLLATE or operator class after it; null for an expression.</summary>
    private static Identifier? PlainColumn(string element)
    {
        if (element.StartsWith('"'))
        {
            int i = 1;
            var name = new System.Text.StringBuilder();
            while (i < element.Length)
            {
                if (element[i] == '"')
                {
                    if (i + 1 < element.Length && element[i + 1] == '"')
                    {
                        name.Append('"');
                        i += 2;
                        continue;
                    }

                    return RestIsModifier(element[(i + 1)..]) ? new Identifier(name.ToString()) : null;
                }

                name.Append(element[i++]);
            }

            return null;
        }

        int end = 0;
        while (end < element.Length && (char.IsLetterOrDigit(element[end]) || element[end] is '_' or '$'))
        {
            end++;
        }

        return end > 0 && !char.IsDigit(element[0]) && RestIsModifier(element[end..]) ? new Identifier(Identifier.Fold(element[..end])) : null;
    }

    /// <summary>True when what follows the name is nothing, or a COLLATE or an operator class (a name), not an operator or a call.</summary>
    private static bool RestIsModifier(string rest)
    {
        rest = rest.Trim();
        return rest.All(c => char.IsLetterOrDigit(c) || c is '_' or '$' or '"' or '.' or ' ');
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        bool quoted = false, literal = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                quoted = c != '"';
            }
            else if (literal)
            {
                literal = c != '\'';
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '\'')
            {
                literal = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
