using Microsoft.Playwright;

namespace NewsPortal.BrowserTests.Infrastructure;

/// <summary>
/// What the XSS test watches in every page: an init script that records any call to alert/confirm/prompt/print
/// and any write of <c>window.__xss</c> (in every frame, before the page's own scripts), dialogs, and a DOM check
/// for <c>on*</c> attributes, script URLs and foreign scripts.
/// </summary>
public static class XssProbe
{
    public const string InitScript = """
        (() => {
          const calls = [];
          const record = (what) => { try { window.top.__xssCalls.push(what + ' @ ' + location.href); } catch (e) { calls.push(what + ' @ ' + location.href); } };
          Object.defineProperty(window, '__xssCalls', { value: calls, configurable: false, writable: false });
          for (const name of ['alert', 'confirm', 'prompt', 'print']) {
            const hook = function () { record(name + '(' + Array.from(arguments).join(',') + ')'); return name === 'confirm' ? false : undefined; };
            Object.defineProperty(window, name, { value: hook, configurable: false, writable: false });
          }
          Object.defineProperty(window, '__xss', { get() { return undefined; }, set(v) { record('__xss=' + v); }, configurable: false });
        })();
        """;

    /// <summary>Returns a list of problems, empty when the page is clean.</summary>
    public const string CheckScript = """
        () => {
          const problems = [...(window.__xssCalls || [])].map(c => 'script ran: ' + c);
          const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcset', 'ping', 'codebase', 'cite'];
          const bad = (value) => {
            const v = value.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, '').toLowerCase();
            return v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text/html') || v.startsWith('data:image/svg')
              || v.startsWith('data:application') || v.startsWith('data:text/javascript');
          };
          const describe = (el) => '<' + el.localName + ' ' + Array.from(el.attributes).map(a => a.name + '="' + a.value.slice(0, 60) + '"').join(' ') + '>';
          for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
              const name = attr.name.toLowerCase();
              if (name.startsWith('on')) problems.push('on* attribute: ' + describe(el));
              if (name === 'srcdoc') problems.push(name + ' attribute: ' + describe(el));
              // The app's own buttons post to its own paths (/admin/...); any other formaction came from a payload.
              if (name === 'formaction' && !(el.tagName === 'BUTTON' && /^\/admin\/[\w\/-]+$/.test(attr.value))) problems.push(name + ' attribute: ' + describe(el));
              if (urlAttributes.includes(name) && bad(attr.value)) problems.push('script URL: ' + describe(el));
              if (name === 'style' && /expression|javascript:|url\(/i.test(attr.value)) problems.push('style attribute: ' + describe(el));
            }
            if (['iframe', 'frame', 'object', 'embed', 'applet', 'base', 'frameset'].includes(el.localName)) problems.push('embedding element: ' + describe(el));
            if (el.localName === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') problems.push('meta refresh: ' + describe(el));
          }
          for (const s of document.querySelectorAll('script')) {
            const type = (s.getAttribute('type') || '').toLowerCase();
            if (type === 'application/ld+json') {
              if (s.textContent.includes('<')) problems.push('raw < in JSON-LD');
              try { JSON.parse(s.textContent); } catch (e) { problems.push('JSON-LD does not parse: ' + e.message); }
              continue;
            }
            const src = s.getAttribute('src') || '';
            if (!/^\/js\/(site|admin|comments|admin-media|admin-media-picker)(\.[a-z0-9]+)?\.js(\?v=[\w-]+)?$/.test(src) || s.textContent.trim().length > 0) problems.push('foreign script: ' + describe(s) + s.textContent.slice(0, 60));
          }
          for (const el of document.querySelectorAll('svg script, svg set, svg animate, svg handler, svg foreignObject, math maction')) {
            problems.push('active SVG/MathML element: ' + describe(el));
          }
          return problems;
        }
        """;

    /// <summary>A browser context that watches for script: dialogs are counted and dismissed, the init script is in.</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, bool bypassCsp)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            BypassCSP = bypassCsp,
            ViewportSize = BrowserFixture.Desktop,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        await context.AddInitScriptAsync(InitScript);
        return context;
    }
}
