using System.Globalization;

namespace Migplan.Sql;

/// <summary>
/// Type modifiers of the built-in types, checked against PostgreSQL 15's ranges (its messages):
/// varchar/char length 1..10485760, numeric precision 1..1000 and scale -1000..1000, bit/varbit length 1..83886080,
/// float precision 1..53 bits, time/timestamp/interval precision 0..6 (PostgreSQL lowers more to 6 with a warning:
/// refused so the plan shows what is created). Any integer modifier must fit in an int, as the server requires.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxCharLength = 10_485_760;
    private const int MaxBitLength = 83_886_080;
    private const int MaxNumericPrecision = 1000;
    private const int MaxTimePrecision = 6;

    private enum ModifiedType
    {
        Other,
        Varchar,
        Char,
        Numeric,
        Bit,
        Varbit,
        Float,
        Time,
        Timestamp,
        Interval,
    }

    /// <summary>Checks the modifiers of the type name in tokens [start, end) (found by <see cref="ScanTypeName"/>).</summary>
    private void CheckTypeModifiers(int start, int end)
    {
        int open = start;
        while (open < end && _tokens[open].Kind != TokenKind.LeftParen)
        {
            open++;
        }

        if (open == end)
        {
            return;
        }

        int close = MatchingClose(open);
        ModifiedType type = Classify(start, open);
        var modifiers = new List<(int Start, int End)>();
        int argStart = open + 1;
        for (int k = open + 1; k <= close; k++)
        {
            if (k == close || (_tokens[k].Kind == TokenKind.Comma && IsTopLevel(open + 1, k)))
            {
                modifiers.Add((argStart, k));
                argStart = k + 1;
            }
        }

        if (type is ModifiedType.Other or ModifiedType.Numeric)
        {
            foreach ((int s, int e) in modifiers)
            {
                if (e == s + 1 && IsDecimalInteger(s) && !TryInt(s, out _))
                {
                    throw ErrorAt(s, $"value \"{TokenText(s)}\" is out of range for type integer");
                }
            }
        }

        if (type == ModifiedType.Other)
        {
            return;
        }

        int allowed = type == ModifiedType.Numeric ? 2 : 1;
        if (modifiers.Count > allowed)
        {
            throw ErrorAt(modifiers[allowed].Start, $"{Describe(type)} takes {(allowed == 2 ? "at most two modifiers (precision, scale)" : "one modifier")}, found {modifiers.Count}");
        }

        for (int m = 0; m < modifiers.Count; m++)
        {
            (int s, int e) = modifiers[m];
            bool negative = type == ModifiedType.Numeric && m == 1 && e == s + 2 && IsOperatorAt(s, "-");
            int number = negative ? s + 1 : s;
            if (e != number + 1 || !IsDecimalInteger(number))
            {
                throw ErrorAt(s, $"expected an integer {(m == 1 ? "scale" : "modifier")} for {Describe(type)}, found \"{TextOf(s, e)}\"");
            }

            int value = TryInt(number, out int parsed) ? parsed : int.MaxValue; // more than any maximum below
            value = negative ? -value : value;
            string? problem = (type, m) switch
            {
                (ModifiedType.Varchar or ModifiedType.Char or ModifiedType.Bit or ModifiedType.Varbit, _) => Length(type, value),
                (ModifiedType.Numeric, 0) when value is < 1 or > MaxNumericPrecision => $"NUMERIC precision {value} must be between 1 and {MaxNumericPrecision}",
                (ModifiedType.Numeric, 1) when value is < -MaxNumericPrecision or > MaxNumericPrecision => $"NUMERIC scale {value} must be between -{MaxNumericPrecision} and {MaxNumericPrecision}",
                (ModifiedType.Float, _) when value < 1 => "precision for type float must be at least 1 bit",
                (ModifiedType.Float, _) when value > 53 => "precision for type float must be less than 54 bits",
                (ModifiedType.Time or ModifiedType.Timestamp or ModifiedType.Interval, _) when value > MaxTimePrecision =>
                    $"{Describe(type)}({value}) precision exceeds the maximum, {MaxTimePrecision}: PostgreSQL would create it with precision {MaxTimePrecision} (only a warning); write {MaxTimePrecision}",
                _ => null,
            };
            if (problem is not null)
            {
                throw ErrorAt(s, problem);
            }
        }
    }

    private static string? Length(ModifiedType type, int value)
    {
        int max = type is ModifiedType.Bit or ModifiedType.Varbit ? MaxBitLength : MaxCharLength;
        return value < 1 ? $"length for type {Describe(type)} must be at least 1"
            : value > max ? $"length for type {Describe(type)} cannot exceed {max.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }

    /// <summary>Which built-in type the unqualified, unquoted words [start, open) name.</summary>
    private ModifiedType Classify(int start, int open)
    {
        if (_tokens[start].Kind != TokenKind.Identifier || (start + 1 < open && _tokens[start + 1].Kind == TokenKind.Dot))
        {
            return ModifiedType.Other;
        }

        bool varying = open - 1 > start && IsWord(_tokens[open - 1], "varying");
        Token first = _tokens[start];
        if (IsWord(first, "varchar") || ((IsWord(first, "character") || IsWord(first, "char") || IsWord(first, "nchar") || IsWord(first, "national")) && varying))
        {
            return ModifiedType.Varchar;
        }

        return first switch
        {
            _ when IsWord(first, "character") || IsWord(first, "char") || IsWord(first, "nchar") || IsWord(first, "national") || IsWord(first, "bpchar") => ModifiedType.Char,
            _ when IsWord(first, "numeric") || IsWord(first, "decimal") || IsWord(first, "dec") => ModifiedType.Numeric,
            _ when IsWord(first, "bit") => varying ? ModifiedType.Varbit : ModifiedType.Bit,
            _ when IsWord(first, "varbit") => ModifiedType.Varbit,
            _ when IsWord(first, "float") => ModifiedType.Float,
            _ when IsWord(first, "time") || IsWord(first, "timetz") => ModifiedType.Time,
            _ when IsWord(first, "timestamp") || IsWord(first, "timestamptz") => ModifiedType.Timestamp,
            _ when IsWord(first, "interval") => ModifiedType.Interval,
            _ => ModifiedType.Other,
        };
    }

    private static string Describe(ModifiedType type) => type switch
    {
        ModifiedType.Varchar => "varchar",
        ModifiedType.Char => "char",
        ModifiedType.Numeric => "NUMERIC",
        ModifiedType.Bit => "bit",
        ModifiedType.Varbit => "varbit",
        ModifiedType.Float => "float",
        ModifiedType.Time => "TIME",
        ModifiedType.Timestamp => "TIMESTAMP",
        ModifiedType.Interval => "INTERVAL",
        _ => "the type",
    };

    private bool IsDecimalInteger(int index) =>
        _tokens[index].Kind == TokenKind.Integer && !_text.AsSpan(_tokens[index].Start, _tokens[index].Length).ContainsAnyExcept("0123456789");

    /// <summary>The value of the integer literal at <paramref name="index"/> when it fits in an int (decimal digits only).</summary>
    private bool TryInt(int index, out int value) =>
        int.TryParse(_text.AsSpan(_tokens[index].Start, _tokens[index].Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
