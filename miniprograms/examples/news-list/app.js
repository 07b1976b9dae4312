App({ globalData: { api: 'http://127.0.0.1:3210' } });
