using Migplan.Plans;
using Migplan.Rendering.Messages;

namespace Migplan.IntegrationTests.Support;

/// <summary>A step's title as the plan shows it in English (titles are messages).</summary>
public static class StepTitles
{
    public static string TitleText(this Step step) => English.Of(step.Title);
}
