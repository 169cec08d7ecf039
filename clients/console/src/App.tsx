import { useState, type JSX } from "react";
import { currentToken, signOut } from "./api";
import { useRoute } from "./router";
import { SignIn } from "./pages/SignIn";
import { Customers } from "./pages/Customers";
import { CustomerAccount } from "./pages/CustomerAccount";
import { Coupons } from "./pages/Coupons";
import { Dashboard } from "./pages/Dashboard";
import { Catalogue } from "./pages/Catalogue";
import { Payments, PendingPrepayments, Settings } from "./pages/Operations";

export function App() {
  const [signedIn, setSignedIn] = useState(() => currentToken() !== null);
  const route = useRoute();
  if (!signedIn) {
    return <SignIn onSignedIn={() => setSignedIn(true)} />;
  }

  const account = /^\/customers\/([^/]+)$/.exec(route);
  return (
    <>
      <header>
        <nav aria-label="Main">
          <a href="#/dashboard">Dashboard</a> <a href="#/customers">Customers</a> <a href="#/coupons">Coupon campaigns</a> <a href="#/catalogue">Catalogue</a>{" "}
          <a href="#/prepayments">Pending prepayments</a> <a href="#/payments">Payments</a> <a href="#/settings">Settings</a>{" "}
          <button
            type="button"
            onClick={() => {
              signOut();
              setSignedIn(false);
            }}
          >
            Sign out
          </button>
        </nav>
      </header>
      <main>
        {account ? <CustomerAccount key={account[1]} customerId={decodeURIComponent(account[1])} /> : <Page route={route} />}
      </main>
    </>
  );
}

const PAGES: Record<string, () => JSX.Element> = {
  "/dashboard": Dashboard,
  "/coupons": Coupons,
  "/catalogue": Catalogue,
  "/prepayments": PendingPrepayments,
  "/payments": Payments,
  "/settings": Settings,
};

function Page({ route }: { route: string }) {
  const Shown = PAGES[route] ?? Customers;
  return <Shown />;
}
