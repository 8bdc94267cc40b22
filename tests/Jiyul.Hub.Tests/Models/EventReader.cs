using System.Text;

namespace Jiyul.Hub.Tests.Models;

/// <summary>Reads the data of server-sent events one event at a time, so a test can act between two events.</summary>
internal sealed class EventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public static async Task<EventReader> OpenAsync(HttpResponseMessage response) =>
        new(await response.Content.ReadAsStreamAsync().WaitAsync(ModelSocket.Timeout));

    /// <summary>The data of the next event; null at the end of the stream.</summary>
    public async Task<string?> NextAsync()
    {
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync().WaitAsync(ModelSocket.Timeout);
            if (line is null)
            {
                return data.Count > 0 ? string.Join('\n', data) : null;
            }

            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return string.Join('\n', data);
                }

                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }
    }

    public async Task<List<string>> ReadToEndAsync()
    {
        var events = new List<string>();
        while (await NextAsync() is { } data)
        {
            events.Add(data);
        }

        return events;
    }

    public void Dispose() => _reader.Dispose();
}
