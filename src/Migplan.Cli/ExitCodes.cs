namespace Migplan.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int ProblemFound = 1;
    public const int BadInput = 2;
    public const int InternalError = 70;
}
