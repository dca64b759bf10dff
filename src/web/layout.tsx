import type { Child } from 'hono/jsx';
import type { Flash } from './session.ts';
import { words } from './format.ts';

export interface PageShell {
  title: string;
  /** nav item to mark as current */
  current: string;
  user?: { email: string; org: string; awaiting: number; csrf: string };
  flash?: Flash | null;
}

const NAV: Array<[string, string]> = [
  ['overview', '/'],
  ['inbox', '/inbox'],
  ['approvals', '/approvals'],
  ['audit', '/audit'],
  ['shadow', '/shadow'],
  ['settings', '/settings'],
  ['calls', '/calls'],
];
const NAV_LABEL: Record<string, string> = { overview: 'Overview', inbox: 'Inbox', approvals: 'Approvals', audit: 'Audit log', shadow: 'Shadow report', settings: 'Settings', calls: 'Calls' };

/** The page frame: skip link, navigation with the approvals badge, the flash message, the page. */
export function Layout(props: PageShell & { children?: Child }) {
  const { user } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Gatehouse`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/">Gatehouse</a>
          {user && (
            <nav aria-label="Main">
              <ul>
                {NAV.map(([id, href]) => (
                  <li>
                    <a href={href} aria-current={props.current === id ? 'page' : undefined}>
                      {NAV_LABEL[id]}
                      {id === 'approvals' && (
                        <span class={`badge${user.awaiting ? '' : ' zero'}`} id="awaiting-badge" aria-label={`${user.awaiting} waiting`}>
                          {user.awaiting}
                        </span>
                      )}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {user && (
            <form method="post" action="/logout" class="signout">
              <input type="hidden" name="_csrf" value={user.csrf} />
              <span class="who">{user.email} · {user.org}</span>
              <button type="submit" class="link">Sign out</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.flash && !props.flash.ref && <FlashBox flash={props.flash} />}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function FlashBox({ flash }: { flash: Flash }) {
  return (
    <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.text}
    </p>
  );
}

export function Tag({ value, kind }: { value: string | null | undefined; kind?: string }) {
  return <span class={`tag t-${(kind ?? value ?? 'none').replace(/[^a-z_]/g, '')}`}>{words(value)}</span>;
}

/** A field's validation error, tied to its input by id (aria-describedby). */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span class="field-error" id={`${id}-error`} role="alert">
      {messages.join('; ')}
    </span>
  );
}
