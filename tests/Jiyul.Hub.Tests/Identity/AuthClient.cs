using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>The calls the identity tests make, each bounded by <see cref="CallTimeout"/>.</summary>
internal static class AuthClient
{
    public const string Password = "Correct-horse-9-battery";

    public static TimeSpan CallTimeout { get; } = TimeSpan.FromSeconds(30);

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.test";

    public static Task<HttpResponseMessage> RegisterAsync(
        HttpClient client, string email, string? password = Password) =>
        client.PostAsJsonAsync("/api/auth/register", new { email, password }).WaitAsync(CallTimeout);

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password }).WaitAsync(CallTimeout);

    public static async Task<Tokens> RegisterAndLoginAsync(HttpClient client, string email)
    {
        using var register = await RegisterAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        using var login = await LoginAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<Tokens>().WaitAsync(CallTimeout))!;
    }

    public static async Task<HttpResponseMessage> WhoAmIAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/whoami");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request).WaitAsync(CallTimeout);
    }

    public static async Task<WhoAmI> ReadWhoAmIAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<WhoAmI>().WaitAsync(CallTimeout))!;
    }

    public static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(CallTimeout);
    }

    internal sealed record Tokens(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

    internal sealed record WhoAmI(string Uid, string? Email, string Provider);
}
