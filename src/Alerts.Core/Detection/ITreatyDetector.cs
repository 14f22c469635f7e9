using System.Text.Json.Serialization;
using Alerts.Core.Messages;

namespace Alerts.Core.Detection;

/// <summary>Finds the treaty actions an item reports. Pure: same input, same output.</summary>
public interface ITreatyDetector
{
    IReadOnlyList<TreatyDetection> Detect(DetectionInput input);
}

/// <summary>What the detector reads of an item.</summary>
public sealed record DetectionInput(string Title, string Summary, string? Language = null, SourceLevel Level = SourceLevel.Media);

/// <summary>One treaty action found in an item, with the phrases that fired.</summary>
public sealed record TreatyDetection(
    TreatyRef Treaty,
    TreatyAction Action,
    IReadOnlyList<string> States,
    [property: JsonPropertyName("stage")] TreatyMilestone Milestone,
    double Confidence,
    IReadOnlyList<string> Evidence);
