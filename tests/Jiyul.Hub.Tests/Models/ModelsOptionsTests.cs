using Jiyul.Hub.Hosting;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Tests.Models;

public sealed class ModelsOptionsTests
{
    private readonly ModelsOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new ModelsOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_UnknownProviderAndBadLimits_ListsEveryFailure()
    {
        var options = new ModelsOptions { Provider = "gemini", MaxRequestBytes = 0, UpstreamTimeout = TimeSpan.Zero };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("Models:Provider is 'gemini'", StringComparison.Ordinal) &&
            f.Contains("offline, openai, anthropic", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Models:MaxRequestBytes is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Models:UpstreamTimeout is 00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OpenAIWithoutKeyAndWithRelativeBaseUrl_ListsBoth()
    {
        var options = new ModelsOptions
        {
            Provider = "openai",
            OpenAI = new OpenAIProviderOptions { BaseUrl = "api.example.test/v1", ApiKey = " " },
        };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(
            [
                "Models:OpenAI:ApiKey is empty; the provider needs a key.",
                "Models:OpenAI:BaseUrl is 'api.example.test/v1'; it must be an absolute http or https URL.",
            ],
            failures);
    }

    [Fact]
    public void Validate_OpenAIWithFtpBaseUrl_Fails()
    {
        var options = new ModelsOptions
        {
            Provider = "openai",
            OpenAI = new OpenAIProviderOptions { BaseUrl = "ftp://models.example.test", ApiKey = "k" },
        };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(["Models:OpenAI:BaseUrl is 'ftp://models.example.test'; it must be an absolute http or https URL."], failures);
    }

    [Fact]
    public void Validate_AnthropicWithoutKey_Fails()
    {
        var options = new ModelsOptions { Provider = "anthropic", Anthropic = new AnthropicProviderOptions { DefaultMaxTokens = 0 } };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(
            [
                "Models:Anthropic:ApiKey is empty; the provider needs a key.",
                "Models:Anthropic:DefaultMaxTokens is 0; it must be greater than 0.",
            ],
            failures);
    }

    [Fact]
    public void Validate_UnusedProviderHalfConfigured_Succeeds()
    {
        var options = new ModelsOptions { OpenAI = new OpenAIProviderOptions { BaseUrl = "nonsense" } };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void ToString_WithKeys_NeverShowsThem()
    {
        var options = new ModelsOptions
        {
            OpenAI = new OpenAIProviderOptions { ApiKey = "sk-secret-openai" },
            Anthropic = new AnthropicProviderOptions { ApiKey = "sk-ant-secret" },
        };

        var text = options.ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = set", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidModelsSection_FailsListingEveryProblem()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            await using var app = HubApplication.Create(
            [
                "--urls", "http://127.0.0.1:0",
                "--contentRoot", RepositoryRoot.Path,
                $"--Hub:DataDirectory={data}",
                "--Logging:LogLevel:Default=None",
                "--Models:Provider=openai",
                "--Models:OpenAI:BaseUrl=not a url",
            ]);

            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(TestHub.StartTimeout));

            Assert.Contains("Models:OpenAI:ApiKey is empty; the provider needs a key.", failure.Failures);
            Assert.Contains("Models:OpenAI:BaseUrl is 'not a url'; it must be an absolute http or https URL.", failure.Failures);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
