using System.Collections.Frozen;
using System.Collections.Immutable;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// The session settings a change's own SET statements give the statements written after them. The plan runs
/// each step in a session of its own, so a setting that changes what a statement computes (TimeZone for a
/// timestamptz conversion, DateStyle for a date literal, ...) is set again for every later step and its rollback
/// (<see cref="Step.Carried"/>). SET LOCAL lasts until the input's transaction ends; RESET (parsed as SET ... TO DEFAULT) ends it.
/// search_path is carried too (it decides where the unqualified names of a statement carried as written resolve), with
/// the session's temporary schema kept last as in <see cref="Plans.SessionSettings.SearchPath"/>.
/// </summary>
internal sealed class CarriedSession
{
    /// <summary>Settings that change the values statements compute or read from literals.</summary>
    private static readonly FrozenSet<string> ValueSettings = new[]
    {
        "timezone", "datestyle", "intervalstyle", "extra_float_digits", "lc_monetary", "lc_numeric", "lc_time",
        "default_text_search_config", "bytea_output",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly List<(Setting Setting, bool Local)> _settings = [];

    /// <summary>The settings in force for the next statement.</summary>
    public ImmutableArray<Setting> Current { get; private set; } = [];

    private static bool IsCarried(string name) => ValueSettings.Contains(name) || name == "search_path";

    /// <summary>The value as set_config takes it: search_path's schemas quoted where they need it, pg_temp last unless listed.</summary>
    private static string ValueOf(SetStatement s)
    {
        if (s.Name != "search_path")
        {
            return string.Join(", ", s.Values);
        }

        var schemas = s.Values.Select(v => v == "$user" ? "\"$user\"" : new Sql.Identifier(v).Quoted).ToList();
        if (!s.Values.Contains("pg_temp"))
        {
            schemas.Add("pg_temp");
        }

        return string.Join(", ", schemas);
    }

    /// <summary>Follows a statement; returns the note to make of a SET it carries (null when the caller's own note applies).</summary>
    public Message? Apply(Statement statement)
    {
        switch (statement)
        {
            case SetStatement { Name: "all", ToDefault: true } s:
                if (_settings.Count > 0)
                {
                    _settings.Clear();
                    Update();
                    return Message.Of("note.session-setting-reset", Code(s.Text));
                }

                return null;
            case SetStatement s when IsCarried(s.Name) && !s.Values.IsDefault:
                _settings.RemoveAll(x => x.Setting.Name == s.Name);
                if (s.ToDefault)
                {
                    Update();
                    return Message.Of("note.session-setting-reset", Code(s.Text));
                }

                _settings.Add((new Setting(s.Name, ValueOf(s)), s.Local));
                Update();
                return Message.Of(s.Local ? "note.session-setting-carried-local" : "note.session-setting-carried", Code(s.Text));
            case TransactionStatement { Kind: not TransactionKind.Begin }:
                if (_settings.RemoveAll(x => x.Local) > 0)
                {
                    Update();
                }

                return null;
            default:
                return null;
        }
    }

    private void Update() => Current = [.. _settings.Select(x => x.Setting)];
}
