using System.Net;
using System.Net.Http.Json;
using Jiyul.Hub.Tests.Infrastructure;
using static Jiyul.Hub.Tests.Identity.AuthClient;

namespace Jiyul.Hub.Tests.Identity;

public sealed class LocalAccountTests(LocalHubFixture fixture) : IClassFixture<LocalHubFixture>
{
    private readonly TestHub _hub = fixture.Hub;

    [Fact]
    public async Task RegisterLoginWhoAmI_NewAccount_ReturnsItsUid()
    {
        var email = NewEmail();

        var tokens = await RegisterAndLoginAsync(_hub.Client, email);
        using var response = await WhoAmIAsync(_hub.Client, tokens.AccessToken);
        var me = await ReadWhoAmIAsync(response);

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        Assert.True(Guid.TryParse(me.Uid, out _), $"uid '{me.Uid}' should be the Identity user id");
        Assert.Equal(email, me.Email);
        Assert.Equal("local", me.Provider);
    }

    [Fact]
    public async Task SignUpAsync_TestHarness_GetsSameUidAsWhoAmI()
    {
        var (client, uid) = await _hub.SignUpAsync().WaitAsync(CallTimeout);
        using (client)
        {
            var me = await client.GetFromJsonAsync<WhoAmI>("/api/auth/whoami").WaitAsync(CallTimeout);
            Assert.Equal(uid, me!.Uid);
        }
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401ProblemDetails()
    {
        var email = NewEmail();
        using var register = await RegisterAsync(_hub.Client, email);
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        using var login = await LoginAsync(_hub.Client, email, "Wrong-horse-9-battery");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var problem = await ReadProblemAsync(login);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Login_UnknownEmail_Returns401()
    {
        using var login = await LoginAsync(_hub.Client, NewEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Login_RepeatedWrongPasswords_LocksAccountOut()
    {
        var email = NewEmail();
        using var register = await RegisterAsync(_hub.Client, email);
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await LoginAsync(_hub.Client, email, "Wrong-horse-9-battery");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await LoginAsync(_hub.Client, email);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var problem = await ReadProblemAsync(right);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Too many failed attempts", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_DuplicateEmail_Returns400ProblemDetails()
    {
        var email = NewEmail();
        using var first = await RegisterAsync(_hub.Client, email);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await RegisterAsync(_hub.Client, email);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var problem = await ReadProblemAsync(second);
        var errors = problem.GetProperty("errors");
        var named = errors.TryGetProperty("DuplicateUserName", out _) || errors.TryGetProperty("DuplicateEmail", out _);
        Assert.True(named, errors.ToString());
    }

    [Theory]
    [InlineData("not-an-email", Password, "InvalidEmail")]
    [InlineData("", Password, "email")]
    [InlineData("weak@example.test", "short", "PasswordTooShort")]
    [InlineData("nopassword@example.test", null, "password")]
    public async Task Register_BadInput_Returns400NamingTheProblem(string email, string? password, string errorKey)
    {
        using var response = await RegisterAsync(_hub.Client, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(errorKey, out _), problem.ToString());
    }

    [Fact]
    public async Task Login_MalformedJson_Returns400ProblemDetails()
    {
        using var content = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await _hub.Client.PostAsync("/api/auth/login", content).WaitAsync(CallTimeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ReadProblemAsync(response);
    }

    [Fact]
    public async Task WhoAmI_WithoutToken_Returns401WithChallengeAndNoRedirect()
    {
        using var response = await WhoAmIAsync(_hub.Client, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    public async Task WhoAmI_TokenNotIssuedByHub_Returns401(string token)
    {
        using var response = await WhoAmIAsync(_hub.Client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_ValidRefreshToken_ReturnsWorkingAccessToken()
    {
        var email = NewEmail();
        var tokens = await RegisterAndLoginAsync(_hub.Client, email);

        using var refresh = await _hub.Client.PostAsJsonAsync("/api/auth/refresh", new { tokens.RefreshToken })
            .WaitAsync(CallTimeout);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var renewed = (await refresh.Content.ReadFromJsonAsync<Tokens>().WaitAsync(CallTimeout))!;
        using var response = await WhoAmIAsync(_hub.Client, renewed.AccessToken);

        Assert.Equal(email, (await ReadWhoAmIAsync(response)).Email);
    }

    [Fact]
    public async Task Refresh_AccessTokenInsteadOfRefreshToken_Returns401()
    {
        var tokens = await RegisterAndLoginAsync(_hub.Client, NewEmail());
        var body = new { RefreshToken = tokens.AccessToken };

        using var refresh = await _hub.Client.PostAsJsonAsync("/api/auth/refresh", body).WaitAsync(CallTimeout);

        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/auth/manage/info")]
    [InlineData("GET", "/api/auth/manage/info")]
    [InlineData("POST", "/api/auth/forgotPassword")]
    [InlineData("GET", "/api/auth/confirmEmail")]
    public async Task IdentityManagementEndpoint_NotServed_Returns404(string method, string path)
    {
        var tokens = await RegisterAndLoginAsync(_hub.Client, NewEmail());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { email = "x@example.test" });
        }

        using var response = await _hub.Client.SendAsync(request).WaitAsync(CallTimeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Register_UidInBody_IsIgnored()
    {
        var email = NewEmail();
        var body = new { email, password = Password, uid = "chosen-by-caller", id = "chosen-by-caller" };
        using var register = await _hub.Client.PostAsJsonAsync("/api/auth/register", body).WaitAsync(CallTimeout);
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        using var login = await LoginAsync(_hub.Client, email);
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>().WaitAsync(CallTimeout))!;

        using var response = await WhoAmIAsync(_hub.Client, tokens.AccessToken);

        Assert.NotEqual("chosen-by-caller", (await ReadWhoAmIAsync(response)).Uid);
    }
}
