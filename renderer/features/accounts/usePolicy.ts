// The IT policy as the renderer may see it (policy.get: no paths, no secrets), read once per form.
import { useEffect, useState } from 'react';
import type { PolicyView } from '../../../src/api/types-accounts.ts';
import { useApi } from '../../api/context.tsx';

export function usePolicy(): PolicyView | null {
  const api = useApi();
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('policy.get', {}).then((r) => {
      if (live && r.ok) setPolicy(r.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return policy;
}
