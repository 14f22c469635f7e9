using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Alerts.Cli.Commands;

/// <summary>
/// A local file's bytes mapped read-only into memory, for <c>alerts scan</c> on a large file: the pages come straight from
/// the file cache, where reading the file copies it into 20 MB of fresh memory that the kernel must first clear (a tenth
/// of the scan's CPU on a 20 MB feed, and all of it before the parse can start). The bytes must not change while mapped:
/// the scan reads them once to plan its parts and again for each part.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _first;
    private readonly int _length;

    private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        _file = file;
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _first = pointer + view.PointerOffset;
    }

    /// <summary>
    /// Maps the regular file at <paramref name="path"/> when it holds between 1 and <paramref name="maxBytes"/> bytes;
    /// null (read it instead) for anything else or when the system refuses the mapping.
    /// </summary>
    public static MappedFile? TryOpen(string path, long maxBytes)
    {
        FileStream? stream = null;
        MemoryMappedFile? file = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var length = stream.Length;
            if (length <= 0 || length > maxBytes || length > int.MaxValue)
            {
                stream.Dispose();
                return null;
            }
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedFile(file, view, (int)length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            if (file is not null)
            {
                file.Dispose();
            }
            else
            {
                stream?.Dispose();
            }
            return null;
        }
    }

    public override Span<byte> GetSpan() => new(_first, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_first + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
