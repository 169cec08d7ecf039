import { useEffect, useState } from "react";

/** Hash routes (#/customers/cus_…), so the API serves one index.html for the whole console. */
export function useRoute(): string {
  const [route, setRoute] = useState(() => window.location.hash.slice(1) || "/customers");
  useEffect(() => {
    const onChange = () => setRoute(window.location.hash.slice(1) || "/customers");
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function navigate(route: string): void {
  window.location.hash = route;
}
