using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>
/// What a rollback script that cannot undo its step runs first (<see cref="Rollback.StopsUnlessAccepted"/>): a block
/// that raises an error naming the step, its data-loss class and what to do by hand, unless the operator turned on
/// <see cref="Rollback.AcceptDataLossSetting"/>. With <c>ON_ERROR_STOP</c> psql then exits 3, so rollbacks run in
/// reverse stop there instead of "succeeding" while the table is gone.
/// </summary>
public static class RollbackStop
{
    /// <summary>The values of the setting that let the rollback go on (as PostgreSQL reads a boolean, lower case).</summary>
    public static readonly string[] Accepted = ["on", "true", "yes", "1"];

    public static string Block(Step step)
    {
        var rollback = step.Rollback;
        string setting = Rollback.AcceptDataLossSetting;
        string message = $"rollback of step {step.Number} ({English.Of(step.Title)}) cannot undo it; data loss: {Names.DataLossText(rollback.Loss)}";
        string detail = English.Of(rollback.ByHand!);
        string hint = $"Do what it says by hand (or accept the loss), then run this script again with {setting} on: PGOPTIONS='-c {setting}=on' psql ..., or SET {setting} = on in the session.";
        string accepted = string.Join(", ", Accepted.Select(SqlText.Literal));
        string body =
            "BEGIN\n" +
            $"  IF pg_catalog.lower(pg_catalog.current_setting({SqlText.Literal(setting)}, true)) IN ({accepted}) IS NOT TRUE THEN\n" +
            $"    RAISE EXCEPTION USING MESSAGE = {SqlText.Literal(message)},\n" +
            $"      DETAIL = {SqlText.Literal(detail)},\n" +
            $"      HINT = {SqlText.Literal(hint)};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.Comment($"Stops here unless {setting} is on (the by-hand part above is done, or its loss accepted).") + SqlText.DoBlock(body);
    }
}
