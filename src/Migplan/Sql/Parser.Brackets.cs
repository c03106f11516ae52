namespace Migplan.Sql;

/// <summary>
/// Brackets must balance in every statement. Expressions, SET values, WHERE clauses, index definitions and
/// the other parts kept as text are found by scanning to a stop token at bracket depth 0: an unclosed "(" would
/// hide the stop token (the WHERE of an UPDATE) inside the captured text. One check per statement covers them all.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>A diagnostic at the first bracket of tokens [start, end) that is not matched, or null.</summary>
    private Diagnostic? UnbalancedBracket(int start, int end)
    {
        var open = new Stack<int>();
        for (int i = start; i < end; i++)
        {
            switch (_tokens[i].Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket:
                    open.Push(i);
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket:
                    TokenKind expected = _tokens[i].Kind == TokenKind.RightParen ? TokenKind.LeftParen : TokenKind.LeftBracket;
                    if (open.Count == 0)
                    {
                        return BracketError(i, $"unbalanced {Describe(_tokens[i].Kind)}: no bracket is open here");
                    }

                    int opener = open.Pop();
                    if (_tokens[opener].Kind != expected)
                    {
                        return BracketError(i, $"unbalanced {Describe(_tokens[i].Kind)}: it does not close the {Describe(_tokens[opener].Kind)} at {Where(opener)}");
                    }

                    break;
            }
        }

        if (open.Count == 0)
        {
            return null;
        }

        int unclosed = open.ToArray()[^1]; // the outermost bracket left open
        return BracketError(unclosed, $"unbalanced {Describe(_tokens[unclosed].Kind)}: it is never closed (the statement runs to {(_tokens[end].Kind == TokenKind.EndOfFile ? "the end of the input" : "the next psql command")})");
    }

    private string Where(int token)
    {
        (int line, int column) = _source.GetLineColumn(_tokens[token].Start);
        return FormattableString.Invariant($"line {line}, column {column}");
    }

    private Diagnostic BracketError(int token, string message) => new(new SourceLocation(_source, _tokens[token].Span), message);
}
