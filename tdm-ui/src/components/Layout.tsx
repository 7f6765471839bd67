import { useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";

import { useAuth, usePermissions } from "../auth/AuthProvider";
import { Badge } from "./Badge";

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

export const NAV_GROUPS: { title: string; items: NavItem[] }[] = [
  { title: "Overview", items: [{ to: "/", label: "Dashboard" }, { to: "/jobs", label: "Job monitor" }] },
  {
    title: "Sources",
    items: [
      { to: "/connections", label: "Connections", adminOnly: true },
      { to: "/schemas", label: "Schema explorer" },
      { to: "/pii", label: "PII review" },
    ],
  },
  {
    title: "Build data",
    items: [
      { to: "/masking", label: "Masking rules" },
      { to: "/subset", label: "Subset builder" },
      { to: "/synthetic", label: "Synthetic data" },
      { to: "/workflows", label: "Workflows" },
    ],
  },
  {
    title: "Deliver",
    items: [
      { to: "/datasets", label: "Dataset catalog" },
      { to: "/provision", label: "Provisioning" },
      { to: "/environments", label: "Environments", adminOnly: true },
    ],
  },
];

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { isAdmin } = usePermissions();
  return (
    <nav aria-label="Main" className="space-y-5">
      {NAV_GROUPS.map((group) => (
        <div key={group.title}>
          <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">{group.title}</p>
          <ul className="mt-1 space-y-0.5">
            {group.items
              .filter((item) => isAdmin || !item.adminOnly)
              .map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === "/"}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      `block rounded-md px-3 py-1.5 text-sm ${isActive ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function UserBox() {
  const { state, signOut } = useAuth();
  if (state.status !== "signed-in") return null;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="hidden max-w-40 truncate text-slate-600 sm:inline" title={state.me.name}>
        {state.me.name}
      </span>
      <Badge tone={state.me.role === "admin" ? "violet" : state.me.role === "operator" ? "indigo" : "gray"}>{state.me.role}</Badge>
      <button type="button" onClick={signOut} className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100">
        Sign out
      </button>
    </div>
  );
}

/** The signed-in frame: a sidebar on wide screens, a menu button on narrow ones. */
export function Layout() {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-white px-3 py-4 lg:block">
        <Brand />
        <div className="mt-6">
          <Navigation />
        </div>
      </aside>
      <div className="min-w-0">
        <header className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2.5">
          <div className="flex items-center gap-2 lg:hidden">
            <button
              type="button"
              aria-expanded={menuOpen}
              aria-controls="mobile-nav"
              onClick={() => setMenuOpen((open) => !open)}
              className="rounded-md p-1.5 text-slate-600 ring-1 ring-slate-300"
            >
              <span className="sr-only">Menu</span>
              <svg viewBox="0 0 20 20" className="size-5" aria-hidden>
                <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
            <Brand />
          </div>
          <div className="hidden text-sm text-slate-500 lg:block">{pageTitle(location.pathname)}</div>
          <UserBox />
        </header>
        {menuOpen && (
          <div id="mobile-nav" className="border-b border-slate-200 bg-white px-3 py-3 lg:hidden">
            <Navigation onNavigate={() => setMenuOpen(false)} />
          </div>
        )}
        <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

function Brand() {
  return (
    <div className="flex items-center gap-2 px-1">
      <img src="/favicon.svg" alt="" className="size-7" />
      <span className="text-sm font-semibold text-slate-900">TDM portal</span>
    </div>
  );
}

function pageTitle(pathname: string): string {
  for (const group of NAV_GROUPS) {
    const item = group.items.find((i) => (i.to === "/" ? pathname === "/" : pathname.startsWith(i.to)));
    if (item) return `${group.title} / ${item.label}`;
  }
  return "";
}
