using System.Text.Json;
using Microsoft.Playwright;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Admin.Tests;

/// <summary>The dataset page and its JSON show how each source column was encoded, in a real browser.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class DatasetEncodingTests(AdminConsoleFixture fixture) : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-admin-encoding-").FullName;
    private AdminBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await AdminBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task An_encoded_dataset_shows_each_columns_kind_missing_policy_and_indicator_and_a_plain_one_shows_none()
    {
        var file = Path.Combine(_work, "houses.csv");
        await File.WriteAllLinesAsync(file,
        [
            "id,district,street,age,price", "1,north,Elm,10,100", "2,north,Oak,,120", "3,south,Elm,30,90", "4,east,Ash,40,80", "5,south,,50,70", "6,north,Elm,60,60",
        ]);
        var dataset = "houses-encoded";
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, file, new CsvIngestOptions
        {
            LabelColumn = "price", ShardCount = 2, IgnoreColumns = ["id"], CategoricalColumns = ["district"], MaxCategories = 2,
            HashedColumns = new Dictionary<string, int> { ["street"] = 3 }, Missing = MissingValuePolicy.Constant, MissingConstant = 0.5, MissingIndicator = true,
        });
        var page = await _browser.LoggedInPageAsync(fixture.BaseAddress);

        await page.GotoAsync($"/datasets/{dataset}");
        var rows = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#encoding tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("dataset-encoding.png"), FullPage = true });

        Assert.Equal(
        [
            ["district", "one-hot, 2 categories + <other>", "category <missing>", "-", "3"],
            ["street", "hashed, 2^3 features", "category <missing>", "-", "8"],
            ["age", "numeric", "constant 0.5", "age=<missing>", "2"],
        ], rows);
        using var json = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"/api/datasets/{dataset}")).TextAsync());
        var district = json.RootElement.GetProperty("encoding")[0];
        Assert.Equal(("one-hot", 2, true, "constant"), (district.GetProperty("kind").GetString(), district.GetProperty("categories").GetInt32(),
            district.GetProperty("otherBucket").GetBoolean(), district.GetProperty("missing").GetString()));
        var age = json.RootElement.GetProperty("encoding")[2];
        Assert.Equal((0.5, "age=<missing>"), (age.GetProperty("fill").GetDouble(), age.GetProperty("indicator").GetString()));
        Assert.Equal(3, json.RootElement.GetProperty("encoding")[1].GetProperty("hashBits").GetInt32());

        await page.GotoAsync($"/datasets/{AdminConsoleFixture.Dataset}");
        Assert.Equal(0, await page.Locator("#encoding").CountAsync());
        Assert.Equal(4, await page.Locator("#shards tbody tr").CountAsync());
    }
}
