// Platform names for every page that would otherwise show an id (GET /v1/platforms, asked once and kept until a filing is stored).

import { useEffect, useState } from 'preact/hooks';
import { call } from './api';
import { Id } from './ui';

let names: Promise<Map<string, string>> | null = null;

/** Asks for the names again on next use (after a submission adds a platform). */
export function forgetPlatformNames(): void {
  names = null;
}

/** Forgets the names at sign-out, so another token's platforms are never shown. */
export const resetPlatformNames = forgetPlatformNames;

function load(): Promise<Map<string, string>> {
  names ??= call<{ platforms: { platformId: string; name: string }[] }>('/v1/platforms').then((r) => {
    const m = new Map<string, string>();
    if (r.ok) for (const p of r.json.platforms) m.set(p.platformId, p.name);
    else names = null;
    return m;
  });
  return names;
}

/** Asks for the names as soon as someone has signed in, so pages usually have them when they first draw. */
export function preloadPlatformNames(): void {
  void load();
}

/** The names of the platforms the token may see, by id (empty until they arrive). */
export function usePlatformNames(): Map<string, string> {
  const [m, setM] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    void load().then((x) => live && setM(x));
    return () => {
      live = false;
    };
  }, []);
  return m;
}

/** A platform's name, else its id (a platform with no stored filing has no name yet). */
export const nameOf = (m: Map<string, string>, id: string): string => m.get(id) ?? id;

/** A platform's name as the page shows it; until the names arrive (or without one), its id, marked as an id. */
export function PlatformName({ names, id }: { names: Map<string, string>; id: string }) {
  const name = names.get(id);
  return name !== undefined ? <>{name}</> : <Id>{id}</Id>;
}
