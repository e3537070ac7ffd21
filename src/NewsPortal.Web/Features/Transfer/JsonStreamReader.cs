using System.Text.Json;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// Reads a large JSON file token by token, and one value (a row) at a time as a small document, so an export
/// of a whole site is never in memory at once. The buffer grows only to the largest single row.
/// </summary>
public sealed class JsonStreamReader(Stream stream) : IDisposable
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;

    /// <summary>The next token: its type and, for property names and strings, its text; numbers come as their raw text.</summary>
    public async ValueTask<(JsonTokenType Type, string? Text)> ReadTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadToken(out var type, out var text))
            {
                return (type, text);
            }
            if (_final)
            {
                throw new JsonException("The file ends in the middle of the JSON.");
            }
            await FillAsync(cancellationToken);
        }
    }

    /// <summary>The next value as a document (the caller disposes it), or null when the next token ends the enclosing array.</summary>
    public async ValueTask<JsonDocument?> ReadValueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadValue(out var document, out var arrayEnded))
            {
                return arrayEnded ? null : document;
            }
            if (_final)
            {
                throw new JsonException("The file ends in the middle of the JSON.");
            }
            await FillAsync(cancellationToken);
        }
    }

    private bool TryReadToken(out JsonTokenType type, out string? text)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        if (!reader.Read())
        {
            (type, text) = (JsonTokenType.None, null);
            return false;
        }
        type = reader.TokenType;
        text = type switch
        {
            JsonTokenType.PropertyName or JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => null,
        };
        Advance(ref reader);
        return true;
    }

    private bool TryReadValue(out JsonDocument? document, out bool arrayEnded)
    {
        // Not JsonDocument.TryParseValue: it forgets that the value sat inside an object or array, and the next comma then fails.
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        (document, arrayEnded) = (null, false);
        if (!reader.Read())
        {
            return false;
        }
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            Advance(ref reader);
            arrayEnded = true;
            return true;
        }
        var from = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return false;
        }
        var to = (int)reader.BytesConsumed;
        document = JsonDocument.Parse(_buffer.AsSpan(_start + from, to - from).ToArray());
        Advance(ref reader);
        return true;
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>Keeps the unread bytes, grows the buffer when one token or row fills it, and reads more.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        }
        _start = 0;
        _end = unread;
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _final = true;
        }
        _end += read;
    }

    public void Dispose() => stream.Dispose();
}
