namespace Jiyul.Bench.Hosting;

/// <summary>The status of an answer and, when it was not a success, the start of its body (for the report).</summary>
internal sealed record HttpAnswer(int Status, string? Problem)
{
    private const int ProblemLength = 400;

    public bool Succeeded => Status is >= 200 and < 300;

    public static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new HttpAnswer(status, null);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new HttpAnswer(status, body.Length > ProblemLength ? body[..ProblemLength] + "…" : body);
    }
}
