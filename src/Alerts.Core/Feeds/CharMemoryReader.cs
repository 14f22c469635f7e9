namespace Alerts.Core.Feeds;

/// <summary>
/// A <see cref="TextReader"/> over decoded characters held in a (pooled) buffer, so that <see cref="System.Xml.XmlReader"/>
/// can read a document without the whole of it first being copied into one large string.
/// </summary>
internal sealed class CharMemoryReader(ReadOnlyMemory<char> text) : TextReader
{
    private int _position;

    public override int Peek() => _position < text.Length ? text.Span[_position] : -1;

    public override int Read() => _position < text.Length ? text.Span[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, text.Length - _position);
        if (n <= 0)
        {
            return 0;
        }
        text.Span.Slice(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int ReadBlock(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override string ReadToEnd()
    {
        var rest = text.Span[_position..].ToString();
        _position = text.Length;
        return rest;
    }
}
