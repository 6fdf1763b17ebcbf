import './styles/main.css'

import { createPinia } from 'pinia'
import { createApp } from 'vue'

import { http } from '@/api/http'
import { i18n } from '@/i18n'
import { createAppRouter } from '@/router'
import { connectSession } from '@/router/session'
import { useAuthStore } from '@/stores/auth'
import { useLocaleStore } from '@/stores/locale'
import App from './App.vue'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
useLocaleStore(pinia)

const router = createAppRouter()
connectSession(http, useAuthStore(pinia), router)
app.use(router)

router
  .isReady()
  .then(() => app.mount('#app'))
  .catch((error: unknown) => console.error(error))
