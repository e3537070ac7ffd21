using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.TestSupport;

public sealed record TestUser(string Id, string Email, string Password, string Role, int? AuthorId);

/// <summary>Creates newsroom users with roles through the app's own UserManager.</summary>
public static class TestUsers
{
    public const string Password = "Correct-horse-42";

    /// <param name="withAuthor">Also create an author profile linked to the user (how an Author writes).</param>
    public static async Task<TestUser> CreateUserAsync(this NewsPortalFactory factory, string role, bool withAuthor = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var email = $"{role.ToLowerInvariant()}-{suffix}@example.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{role} {suffix}" };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);

        int? authorId = null;
        if (withAuthor)
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsPortal.Web.Data.NewsPortalDbContext>();
            var author = new Author { Slug = "writer-" + suffix, Name = "Writer " + suffix, UserId = user.Id };
            db.Authors.Add(author);
            await db.SaveChangesAsync();
            authorId = author.Id;
        }
        return new TestUser(user.Id, email, Password, role, authorId);
    }

    /// <summary>A client signed in through the real sign-in form.</summary>
    public static async Task<AdminSession> SignInAsync(this NewsPortalFactory factory, TestUser user)
    {
        var session = new AdminSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await session.SubmitAsync("/account/login", "form[action='/account/login']", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public static AdminSession Anonymous(this NewsPortalFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static Task<int> ArticleIdAsync(this NewsPortalFactory factory, string slug) =>
        factory.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
}

/// <summary>A browser-like client: fetches a page, fills its form like a person would, posts it with the antiforgery token.</summary>
public sealed class AdminSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public async Task<IHtmlDocument> PageAsync(string url) => await Client.GetDocumentAsync(url);

    /// <summary>GETs <paramref name="pageUrl"/>, finds the form, overrides <paramref name="values"/>, and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, Dictionary<string, string>? values = null)
    {
        var page = await PageAsync(pageUrl);
        return await SubmitAsync(page, formSelector, values);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, Dictionary<string, string>? values = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement;
        Assert.True(form is not null, $"no form matches {formSelector}");
        var fields = ReadFields(form);
        foreach (var (name, value) in values ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action") ?? page.Url;
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(action, content);
    }

    public static List<KeyValuePair<string, string>> ReadFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }
                    if (input.Type is "submit" or "button" or "image")
                    {
                        continue;
                    }
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (selected is not null)
                    {
                        fields.Add(new(select.Name, selected.Value));
                    }
                    break;
            }
        }
        return fields;
    }

    public static string AntiforgeryToken(IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Posts raw fields with a valid token taken from <paramref name="tokenPageUrl"/>; for forms the page does not show.</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, Dictionary<string, string>? values = null, string tokenPageUrl = "/admin")
    {
        var page = await PageAsync(tokenPageUrl);
        var fields = new Dictionary<string, string>(values ?? []) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(url, content);
    }
}
