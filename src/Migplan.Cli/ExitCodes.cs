namespace Migplan.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int ProblemFound = 1;
    public const int BadInput = 2;
    public const int InternalError = 70;

    /// <summary>Writes each message to stderr and returns <see cref="BadInput"/>.</summary>
    public static int Fail(params IEnumerable<string> messages)
    {
        foreach (var m in messages)
        {
            Console.Error.WriteLine(m);
        }

        return BadInput;
    }
}
