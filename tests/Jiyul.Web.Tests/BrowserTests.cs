namespace Jiyul.Web.Tests;

/// <summary>Every browser test shares one hub and one Chromium, and runs one at a time: the machine has two cores.</summary>
[CollectionDefinition(Collection)]
public sealed class BrowserTests : ICollectionFixture<BrowserHubFixture>
{
    public const string Collection = "browser";
}
