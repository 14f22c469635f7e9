namespace Alerts.Core.Sources.Kinds;

/// <summary>Bounds on what one document of a non-feed kind may hold.</summary>
public static class KindLimits
{
    /// <summary>
    /// Most items one document may yield. The real listings hold 10 to 200; a document with more is
    /// not the listing we expect (or is an attempt to flood the detector), so it is refused whole.
    /// </summary>
    public const int MaxItems = 1000;

    /// <summary>Largest body accepted, the same as the fetcher's default response cap.</summary>
    public const int MaxDocumentBytes = 5 * 1024 * 1024;

    /// <summary>Longest title or summary kept; longer text is cut (a title is a line, not a document).</summary>
    public const int MaxTextLength = 4000;
}
