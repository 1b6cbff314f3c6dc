import { BrowserRouter } from 'react-router-dom';
import { SessionProvider } from '../auth/session';
import { AppRoutes } from './routes';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </BrowserRouter>
  );
}
