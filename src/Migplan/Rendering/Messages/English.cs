using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Migplan.Planning;

namespace Migplan.Rendering.Messages;

/// <summary>
/// The plan's messages in English: each id with its template (numbered placeholders <c>{0}</c>, <c>{1}</c>, ...,
/// one per argument) and the formatting of each argument kind. The templates are in the partial files beside this
/// one, grouped by what they describe; an id is documented by its template.
/// </summary>
public sealed partial class English : IMessageCatalog
{
    public static English Instance { get; } = new();

    private static readonly FrozenDictionary<string, string> Templates = AllTemplates().ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Arities = Templates.ToFrozenDictionary(p => p.Key, p => Placeholders(p.Value), StringComparer.Ordinal);

    private English()
    {
    }

    /// <summary>Every id with its template.</summary>
    public static IReadOnlyDictionary<string, string> All => Templates;

    public bool TryArity(string id, out int arguments) => Arities.TryGetValue(id, out arguments);

    /// <summary>The message as English text.</summary>
    public static string Of(Message message) => Instance.Text(message);

    /// <summary>The messages as English text, each as it renders, joined by <paramref name="separator"/>.</summary>
    public static string Join(string separator, IEnumerable<Message> messages) => string.Join(separator, messages.Select(Of));

    public string Text(Message message)
    {
        if (!Templates.TryGetValue(message.Id, out var template))
        {
            throw new InvalidOperationException($"no English template for message {message.Id}");
        }

        if (message.Args.IsDefaultOrEmpty)
        {
            return template;
        }

        var sb = new StringBuilder(template.Length + 32);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '{' && TryPlaceholder(template, i, out int index, out int end))
            {
                sb.Append(Format(message.Args[index]));
                i = end;
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    /// <summary>An argument as English text.</summary>
    public static string Format(MessageArg arg) => arg.Kind switch
    {
        ArgKind.Text or ArgKind.Name or ArgKind.Sql => arg.Value,
        ArgKind.Count => arg.AsDouble().ToString("N0", CultureInfo.InvariantCulture),
        ArgKind.Number => arg.Value,
        ArgKind.Bytes => Estimator.Size(arg.AsDouble()),
        ArgKind.Seconds => Estimator.Duration(arg.AsDouble()),
        ArgKind.Message => Of(arg.Nested ?? throw new InvalidOperationException("a message argument without its message")),
        ArgKind.List => JoinList(arg.Items.Select(Of).ToList()),
        _ => throw new System.Diagnostics.UnreachableException(arg.Kind.ToString()),
    };

    /// <summary>Items joined by ", ", or by "; " when an item holds a comma itself (a title naming two columns).</summary>
    private static string JoinList(List<string> items) =>
        string.Join(items.Exists(i => i.Contains('\n', StringComparison.Ordinal)) ? "\n" : items.Exists(i => i.Contains(',', StringComparison.Ordinal)) ? "; " : ", ", items);

    /// <summary>The number of distinct placeholders in a template (they must be {0} to {n-1}).</summary>
    public static int Placeholders(string template)
    {
        var seen = new HashSet<int>();
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && TryPlaceholder(template, i, out int index, out _))
            {
                seen.Add(index);
            }
        }

        for (int k = 0; k < seen.Count; k++)
        {
            if (!seen.Contains(k))
            {
                throw new InvalidOperationException($"template \"{template}\" skips placeholder {{{k}}}");
            }
        }

        return seen.Count;
    }

    private static bool TryPlaceholder(string template, int open, out int index, out int end)
    {
        index = 0;
        end = open + 1;
        while (end < template.Length && template[end] is >= '0' and <= '9')
        {
            index = (index * 10) + (template[end] - '0');
            end++;
        }

        if (end == open + 1 || end >= template.Length || template[end] != '}')
        {
            return false;
        }

        end++;
        return true;
    }

    private static IEnumerable<KeyValuePair<string, string>> AllTemplates() =>
        Steps().Concat(Plan()).Concat(Timeouts()).Concat(Renames()).Concat(GoNoGo()).Concat(TypeChanges()).Concat(Metadata()).Concat(Rows()).Concat(Definitions());
}
