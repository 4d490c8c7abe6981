using Microsoft.Extensions.Configuration;

namespace OrleansTrainer.Hosting.Tests;

public sealed class RedisSecretFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"otrain-secret-{Guid.NewGuid():N}");

    [Fact]
    public void The_file_content_trimmed_overrides_every_other_source()
    {
        File.WriteAllText(_file, "redis:6379,password=s3cret\n");
        var configuration = Configuration(("OrleansTrainer:Redis", "127.0.0.1:6379"), ("OrleansTrainer:RedisSecretFile", _file));

        configuration.AddRedisSecretFile();

        Assert.Equal("redis:6379,password=s3cret", configuration[RedisSecretFile.RedisKey]);
    }

    [Fact]
    public void Without_a_secret_file_the_configured_connection_string_stays()
    {
        var configuration = Configuration(("OrleansTrainer:Redis", "127.0.0.1:6379"));

        configuration.AddRedisSecretFile();

        Assert.Equal("127.0.0.1:6379", configuration[RedisSecretFile.RedisKey]);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        var configuration = Configuration(("OrleansTrainer:RedisSecretFile", _file));

        var error = Assert.Throws<FileNotFoundException>(() => configuration.AddRedisSecretFile());
        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        File.WriteAllText(_file, " \n");
        var configuration = Configuration(("OrleansTrainer:RedisSecretFile", _file));

        var error = Assert.Throws<InvalidOperationException>(() => configuration.AddRedisSecretFile());
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);

    private static ConfigurationManager Configuration(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return configuration;
    }
}
