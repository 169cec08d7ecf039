import { useState } from "react";
import { currentToken, signOut } from "./api";
import { useRoute } from "./router";
import { SignIn } from "./pages/SignIn";
import { Customers } from "./pages/Customers";
import { CustomerAccount } from "./pages/CustomerAccount";
import { Coupons } from "./pages/Coupons";
import { Dashboard } from "./pages/Dashboard";

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
          <a href="#/dashboard">Dashboard</a> <a href="#/customers">Customers</a> <a href="#/coupons">Coupon campaigns</a>{" "}
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
        {account ? <CustomerAccount key={account[1]} customerId={decodeURIComponent(account[1])} /> : route === "/coupons" ? <Coupons /> : route === "/dashboard" ? <Dashboard /> : <Customers />}
      </main>
    </>
  );
}
