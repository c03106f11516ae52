using System.Collections.Immutable;
using System.Globalization;
using Migplan.Sql;

namespace Migplan.Plans;

/// <summary>What an argument of a <see cref="Message"/> is, so each renderer formats it its own way.</summary>
public enum ArgKind
{
    /// <summary>Words or a phrase, shown as they are.</summary>
    Text,

    /// <summary>An SQL name as written (<c>public."Users"</c>, <c>users.email</c>).</summary>
    Name,

    /// <summary>A query, statement or expression (code in Markdown).</summary>
    Sql,

    /// <summary>A number of things (rows, statements): shown with thousands separators.</summary>
    Count,

    /// <summary>An integer shown plainly (a step number, a server version).</summary>
    Number,

    /// <summary>A size in bytes: shown in B, kB, MB, GB or TB.</summary>
    Bytes,

    /// <summary>A duration in seconds: shown in s, min or h.</summary>
    Seconds,

    /// <summary>Another message, rendered in place.</summary>
    Message,

    /// <summary>A list of messages (step titles, say), rendered one after another with a separator.</summary>
    List,
}

/// <summary>
/// One argument of a message: its kind and its value, invariant text (a number as written by "R"); a nested
/// message for <see cref="ArgKind.Message"/>.
/// </summary>
public readonly record struct MessageArg(ArgKind Kind, string Value, Message? Nested = null)
{
    /// <summary>The messages of a <see cref="ArgKind.List"/> argument.</summary>
    public ImmutableArray<Message> Items { get; init; } = [];

    /// <summary>A list of messages, in order.</summary>
    public static MessageArg List(IEnumerable<Message> items) => new(ArgKind.List, string.Empty) { Items = [.. items] };

    public bool Equals(MessageArg other) =>
        Kind == other.Kind && Value == other.Value && Equals(Nested, other.Nested) && Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Kind, Value, Items.Length);

    public static MessageArg Text(string text) => new(ArgKind.Text, text);

    public static MessageArg Name(string name) => new(ArgKind.Name, name);

    public static MessageArg Name(QualifiedName name) => new(ArgKind.Name, name.Quoted);

    /// <summary>An <see cref="ArgKind.Sql"/> argument: a query, statement or expression.</summary>
    public static MessageArg Code(string sql) => new(ArgKind.Sql, sql);

    public static MessageArg Count(long n) => new(ArgKind.Count, n.ToString(CultureInfo.InvariantCulture));

    public static MessageArg Count(double n) => new(ArgKind.Count, n.ToString("R", CultureInfo.InvariantCulture));

    public static MessageArg Number(long n) => new(ArgKind.Number, n.ToString(CultureInfo.InvariantCulture));

    public static MessageArg Number(double n) => new(ArgKind.Number, n.ToString("R", CultureInfo.InvariantCulture));

    public static MessageArg Bytes(double bytes) => new(ArgKind.Bytes, bytes.ToString("R", CultureInfo.InvariantCulture));

    public static MessageArg Seconds(double seconds) => new(ArgKind.Seconds, seconds.ToString("R", CultureInfo.InvariantCulture));

    public static MessageArg Of(Message message) => new(ArgKind.Message, string.Empty, message);

    public static implicit operator MessageArg(Message message) => Of(message);

    /// <summary>The numeric value of a count, number, bytes or seconds argument.</summary>
    public double AsDouble() => double.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>
/// A sentence of the plan as data: a stable id (<c>impact.brief-lock</c>, <c>risk.rewrite</c>) and typed arguments.
/// The planner yields messages; renderers turn them into text (the English is in Rendering/Messages). Ids never
/// change meaning: lint, SARIF and HTML refer to them.
/// </summary>
public sealed record Message(string Id, ImmutableArray<MessageArg> Args)
{
    public static Message Of(string id) => new(id, ImmutableArray<MessageArg>.Empty);

    public static Message Of(string id, params ReadOnlySpan<MessageArg> args) => new(id, [.. args]);

    public bool Equals(Message? other) =>
        other is not null && Id == other.Id && Args.AsSpan().SequenceEqual(other.Args.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Id, Args.Length);

    /// <summary>This message and every message nested in its arguments, depth first.</summary>
    public IEnumerable<Message> SelfAndNested()
    {
        yield return this;
        foreach (var a in Args)
        {
            foreach (var inner in a.Nested is { } nested ? [nested] : a.Items)
            {
                foreach (var m in inner.SelfAndNested())
                {
                    yield return m;
                }
            }
        }
    }
}

/// <summary>The messages a reader or writer of plans knows: their ids, their number of arguments, their text.</summary>
public interface IMessageCatalog
{
    /// <summary>The number of arguments <paramref name="id"/> takes; false for an id the catalog does not know.</summary>
    bool TryArity(string id, out int arguments);

    /// <summary>The message as text.</summary>
    string Text(Message message);
}
